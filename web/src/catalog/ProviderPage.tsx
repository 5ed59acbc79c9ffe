import { Avatar, Badge, Button, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { usePageTitle } from '../app/page-title';
import { CardSkeletons, EmptyState, ErrorScreen } from '../app/screen-states';
import { ProviderDetailDocument } from '../gql/graphql';
import { ReviewList } from './ReviewList';
import { Rating, ServiceCard } from './ServiceCard';

export function ProviderPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch, fetchMore } = useQuery(ProviderDetailDocument, { variables: { id } });
  const [more, setMore] = useState<'services' | 'reviews' | null>(null);
  const provider = data?.provider;
  usePageTitle(provider?.businessName ?? (loading ? 'Provider' : 'Provider not found'));
  if (error) return <ErrorScreen error={error} retry={refetch} size="lg" />;
  if (!loading && !provider) return <NotFoundPage />;
  const load = async (what: 'services' | 'reviews', cursor: string | null | undefined) => {
    setMore(what);
    try {
      await fetchMore({ variables: what === 'services' ? { servicesAfter: cursor } : { reviewsAfter: cursor } });
    } finally {
      setMore(null);
    }
  };
  return (
    <Container size="lg" py="xl">
      {!provider ? (
        <Group mb="xl" aria-busy="true" aria-label="Loading provider">
          <Skeleton circle height={80} />
          <Skeleton height={28} width={240} />
        </Group>
      ) : (
        <Group mb="xl" align="flex-start" wrap="nowrap">
          <Avatar src={provider.owner.avatarUrl} alt="" size={80} radius="xl" color="teal" variant="filled">
            {provider.businessName.slice(0, 1)}
          </Avatar>
          <Stack gap={4}>
            <Title order={1}>{provider.businessName}</Title>
            <Group gap="sm">
              <Rating average={provider.ratingAverage} count={provider.ratingCount} />
              <Text size="sm" c="dimmed">
                {provider.ratingCount} {provider.ratingCount === 1 ? 'review' : 'reviews'}
                {provider.city ? ` · ${provider.city}` : ''}
              </Text>
              {provider.rank && <Badge>#{provider.rank} on HomeSer</Badge>}
            </Group>
            {provider.bio && <Text maw={680}>{provider.bio}</Text>}
            <Text size="sm" c="dimmed">
              Works in {provider.timeZone} · run by {provider.owner.name}
            </Text>
          </Stack>
        </Group>
      )}
      <Stack gap="sm" component="section" aria-labelledby="provider-services">
        <Title order={2} size="h3" id="provider-services">
          Services
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {!provider && <CardSkeletons count={3} />}
          {provider?.services.edges.map(({ node }) => (
            <ServiceCard key={node.id} service={node} />
          ))}
        </SimpleGrid>
        {provider && provider.services.edges.length === 0 && <EmptyState title="No services listed right now" />}
        {provider?.services.pageInfo.hasNextPage && (
          <Button
            variant="default"
            loading={more === 'services'}
            onClick={() => void load('services', provider.services.pageInfo.endCursor)}
          >
            Load more
          </Button>
        )}
      </Stack>
      {provider && (
        <Stack mt={48} gap="sm" component="section" aria-labelledby="provider-reviews">
          <Title order={2} size="h3" id="provider-reviews">
            Reviews ({provider.reviews.totalCount})
          </Title>
          <ReviewList
            reviews={provider.reviews.edges}
            hasMore={provider.reviews.pageInfo.hasNextPage}
            loadingMore={more === 'reviews'}
            onLoadMore={() => void load('reviews', provider.reviews.pageInfo.endCursor)}
          />
        </Stack>
      )}
    </Container>
  );
}
