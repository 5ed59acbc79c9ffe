// Booking a chosen slot: sign in or register right here if needed (the slot stays in the
// URL), add notes, then the booking is made and held; paying happens on its page.
import { Alert, Anchor, Button, Card, Container, Divider, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { SignInOrRegister } from '../account/SignInOrRegister';
import { useAuth } from '../app/auth/AuthProvider';
import { formatMoney } from '../app/format/money';
import { dayKey, formatDateTime, formatDuration, viewerTimeZone } from '../app/format/time';
import { NotFoundPage } from '../app/NotFoundPage';
import { usePageTitle } from '../app/page-title';
import { errorCode, errorMessage, ErrorScreen, ScreenSkeleton } from '../app/screen-states';
import { BookingServiceDocument, RequestBookingDocument } from '../gql/graphql';
import { notify } from '../app/notify';

export function BookPage() {
  usePageTitle('Book');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const start = params.get('start');
  const { viewer } = useAuth();
  const { data, loading, error, refetch } = useQuery(BookingServiceDocument, { variables: { id } });
  const service = data?.service;
  if (!start || Number.isNaN(Date.parse(start))) return <NotFoundPage />;
  if (loading && !data) return <ScreenSkeleton label="Loading" />;
  if (error) return <ErrorScreen error={error} retry={refetch} />;
  if (!service) return <NotFoundPage />;
  const backToCalendar = `/services/${service.id}?date=${dayKey(start)}`;
  return (
    <Container size="sm" py="xl">
      <Anchor component={Link} to={`${backToCalendar}&slot=${encodeURIComponent(start)}`} size="sm">
        ← Change the time
      </Anchor>
      <Title order={1} size="h2" mt="xs" mb="md">
        Book {service.title}
      </Title>
      <Card withBorder radius="md" padding="lg" mb="lg">
        <Stack gap={4}>
          <Text fw={600}>{formatDateTime(start)}</Text>
          <Text size="sm" c="dimmed">
            Your time zone: {viewerTimeZone()}
            {service.provider.timeZone !== viewerTimeZone() && ` (the provider works in ${service.provider.timeZone})`}
          </Text>
          <Text size="sm">
            {formatDuration(service.durationMinutes)} with {service.provider.businessName}
          </Text>
          <Text fw={700} c="teal.9">
            {formatMoney(service.price)}
          </Text>
        </Stack>
      </Card>
      {viewer === null && (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="xs">
            Sign in to book
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            We hold this time for you as soon as you continue.
          </Text>
          <SignInOrRegister />
        </Card>
      )}
      {viewer && <BookingForm serviceId={service.id} start={start} instant={service.instantBooking} backToCalendar={backToCalendar} />}
    </Container>
  );
}

function BookingForm({
  serviceId,
  start,
  instant,
  backToCalendar,
}: {
  serviceId: string;
  start: string;
  instant: boolean;
  backToCalendar: string;
}) {
  const [notes, setNotes] = useState('');
  // One key per visit: a retried click returns the same booking instead of a second one.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [requestBooking, { loading }] = useMutation(RequestBookingDocument);
  const [failure, setFailure] = useState<{ message: string; taken: boolean } | null>(null);
  const navigate = useNavigate();
  const book = async () => {
    setFailure(null);
    try {
      const { data } = await requestBooking({
        variables: { input: { serviceId, startsAt: start, notes: notes.trim() || null, idempotencyKey } },
      });
      if (!data) return;
      const booking = data.requestBooking;
      notify({
        color: 'teal',
        title: booking.status === 'PENDING_PAYMENT' ? 'Booked: pay to confirm' : 'Request sent',
        message: booking.status === 'PENDING_PAYMENT' ? 'The slot is held for you while you pay.' : 'The provider will answer soon.',
      });
      void navigate(`/bookings/${booking.id}`);
    } catch (error) {
      setFailure({ message: errorMessage(error), taken: errorCode(error) === 'SLOT_UNAVAILABLE' });
    }
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack>
        <Textarea
          label="Notes for the provider (optional)"
          description="Access, parking, what needs doing…"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={3}
        />
        {failure && (
          <Alert color="red" role="alert" title={failure.taken ? 'That time was just taken' : 'The booking was not made'}>
            <Text size="sm">{failure.message}</Text>
            {failure.taken && (
              <Anchor component={Link} to={backToCalendar} size="sm">
                Pick another time
              </Anchor>
            )}
          </Alert>
        )}
        <Divider />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {instant ? 'You pay next; the slot is held for you meanwhile.' : 'The provider confirms first; you pay after.'}
          </Text>
          <Button onClick={() => void book()} loading={loading} size="md">
            Confirm booking
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
