import {
  Anchor,
  AspectRatio,
  Avatar,
  Badge,
  Button,
  Card,
  Container,
  Grid,
  Group,
  Image,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatMoney } from '../app/format/money';
import { formatDateTime, formatDuration } from '../app/format/time';
import { NotFoundPage } from '../app/NotFoundPage';
import { usePageTitle } from '../app/page-title';
import { ErrorScreen } from '../app/screen-states';
import { BookingCalendar, type CalendarPick } from '../booking/BookingCalendar';
import { ServiceDetailDocument, type ProviderSummaryFragment } from '../gql/graphql';
import { ReviewList } from './ReviewList';
import { Rating } from './ServiceCard';

export function ServicePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { data, loading, error, refetch, fetchMore } = useQuery(ServiceDetailDocument, { variables: { id } });
  const [moreReviews, setMoreReviews] = useState(false);
  const service = data?.service;
  usePageTitle(service?.title ?? (loading ? 'Service' : 'Service not found'));

  if (loading && !data) return <ServiceSkeleton />;
  if (error) return <ErrorScreen error={error} retry={refetch} size="lg" />;
  if (!service) return <NotFoundPage />;

  // The pick lives in the URL, so signing in on the way to booking comes back to it.
  const pick: CalendarPick = { day: params.get('date'), slot: params.get('slot') };
  const setPick = (next: CalendarPick) => {
    const p = new URLSearchParams();
    if (next.day) p.set('date', next.day);
    if (next.slot) p.set('slot', next.slot);
    setParams(p, { replace: true, preventScrollReset: true });
  };
  const reviews = service.provider.reviews;
  const loadMoreReviews = async () => {
    setMoreReviews(true);
    try {
      await fetchMore({ variables: { reviewsAfter: reviews.pageInfo.endCursor } });
    } finally {
      setMoreReviews(false);
    }
  };

  return (
    <Container size="lg" py="xl">
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Gallery title={service.title} images={service.images} />
            <div>
              <Group gap="xs" mb={6}>
                <Badge>{service.category.name}</Badge>
                {service.instantBooking ? (
                  <Badge color="teal" variant="outline">
                    Instant booking
                  </Badge>
                ) : (
                  <Badge color="yellow">Provider confirms</Badge>
                )}
              </Group>
              <Title order={1}>{service.title}</Title>
              <Group gap="lg" mt="xs">
                <Text fz="xl" fw={700} c="teal.9">
                  {formatMoney(service.price)}
                </Text>
                <Group gap={4}>
                  <IconClock size={16} aria-hidden />
                  <Text>{formatDuration(service.durationMinutes)}</Text>
                </Group>
              </Group>
            </div>
            <Text style={{ whiteSpace: 'pre-line' }}>{service.description}</Text>
            {service.terms && (
              <Card withBorder radius="md" bg="gray.0">
                <Title order={2} size="h5" mb={4}>
                  Terms
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {service.terms}
                </Text>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <ProviderCard provider={service.provider} />
            <BookingCalendar
              serviceId={service.id}
              providerTimeZone={service.provider.timeZone}
              day={pick.day}
              slot={pick.slot}
              onChange={setPick}
            />
            <Button
              size="lg"
              disabled={!pick.slot}
              onClick={() => pick.slot && void navigate(`/services/${service.id}/book?start=${encodeURIComponent(pick.slot)}`)}
            >
              {pick.slot ? `Book this slot (${formatDateTime(pick.slot)})` : 'Book this slot'}
            </Button>
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack mt={48} gap="sm" component="section" aria-labelledby="reviews-heading">
        <Title order={2} size="h3" id="reviews-heading">
          Reviews of {service.provider.businessName} ({reviews.totalCount})
        </Title>
        <ReviewList reviews={reviews.edges} hasMore={reviews.pageInfo.hasNextPage} loadingMore={moreReviews} onLoadMore={loadMoreReviews} />
      </Stack>
    </Container>
  );
}

function Gallery({ title, images }: { title: string; images: { id: string; url: string }[] }) {
  const [main, ...rest] = images;
  if (!main) return null;
  return (
    <Stack gap="xs">
      <AspectRatio ratio={3 / 2}>
        <Image src={main.url} alt={title} radius="md" />
      </AspectRatio>
      {rest.length > 0 && (
        <Group gap="xs" wrap="nowrap" style={{ overflowX: 'auto' }}>
          {rest.map((img, i) => (
            <Image key={img.id} src={img.url} alt={`${title}, photo ${i + 2}`} w={120} h={80} radius="sm" loading="lazy" />
          ))}
        </Group>
      )}
    </Stack>
  );
}

export function ProviderCard({ provider }: { provider: ProviderSummaryFragment }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Provider">
      <Group wrap="nowrap">
        <Avatar src={provider.owner.avatarUrl} alt="" size={56} radius="xl" color="teal" variant="filled">
          {provider.businessName.slice(0, 1)}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/providers/${provider.id}`} fw={700} fz="lg">
            {provider.businessName}
          </Anchor>
          <Group gap="xs">
            <Rating average={provider.ratingAverage} count={provider.ratingCount} />
            <Text size="sm" c="dimmed">
              {provider.ratingCount} {provider.ratingCount === 1 ? 'review' : 'reviews'}
              {provider.city ? ` · ${provider.city}` : ''}
            </Text>
          </Group>
        </div>
      </Group>
    </Card>
  );
}

function ServiceSkeleton() {
  return (
    <Container size="lg" py="xl" aria-busy="true" aria-label="Loading service">
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Skeleton height={360} mb="md" />
          <Skeleton height={28} width="60%" mb="sm" />
          <Skeleton height={16} width="90%" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Skeleton height={100} mb="md" />
          <Skeleton height={320} />
        </Grid.Col>
      </Grid>
    </Container>
  );
}
