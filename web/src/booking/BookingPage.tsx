// One booking, as the API has it right now: after the gateway sends the customer back
// here, the status shown is the booking's (live via bookingUpdated), never the URL's word.
import { Alert, Anchor, Card, Container, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireSignIn } from '../account/RequireSignIn';
import { formatMoney } from '../app/format/money';
import { formatDateTime, formatDuration, viewerTimeZone } from '../app/format/time';
import { NotFoundPage } from '../app/NotFoundPage';
import { usePageTitle } from '../app/page-title';
import { ErrorScreen, ScreenSkeleton } from '../app/screen-states';
import { BookingDocument, BookingUpdatedDocument, type BookingDetailFragment } from '../gql/graphql';
import { BookingActions } from './BookingActions';
import { HoldCountdown, StatusBadge } from './BookingSummary';

export function BookingPage() {
  usePageTitle('Your booking');
  return (
    <RequireSignIn reason="See this booking">
      <BookingDetail />
    </RequireSignIn>
  );
}

function BookingDetail() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(BookingDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  // The normalized cache merges each event's booking into the one shown.
  useSubscription(BookingUpdatedDocument, { variables: { id } });
  const booking = data?.booking;
  // A refund is made just after the cancellation (its own event): look again for a few seconds.
  const awaitingRefund =
    booking?.status === 'CANCELLED' && booking.payment?.status === 'PAID' && Date.now() - Date.parse(booking.updatedAt) < 20_000;
  useEffect(() => {
    if (!awaitingRefund) return;
    startPolling(1000);
    return () => stopPolling();
  }, [awaitingRefund, startPolling, stopPolling]);
  if (loading && !data) return <ScreenSkeleton label="Loading booking" />;
  if (error) return <ErrorScreen error={error} retry={refetch} />;
  if (!booking) return <NotFoundPage />;
  const backFromGateway = params.has('payment') && booking.status === 'PENDING_PAYMENT';
  return (
    <Container size="sm" py="xl">
      <Anchor component={Link} to="/bookings" size="sm">
        ← My bookings
      </Anchor>
      <Group justify="space-between" mt="xs" mb="md">
        <Title order={1} size="h2">
          {booking.service.title}
        </Title>
        <div aria-live="polite">
          <StatusBadge status={booking.status} />
        </div>
      </Group>
      {backFromGateway && (
        <Alert color="blue" mb="md" title="Back from the payment page">
          The booking is still waiting for a confirmed payment. If you paid, this page updates as soon as the gateway confirms it; otherwise
          pay again below.
        </Alert>
      )}
      <Outcome booking={booking} />
      <Card withBorder radius="md" padding="lg">
        <Stack gap="xs">
          <Row label="When" value={`${formatDateTime(booking.startsAt)} (${viewerTimeZone()})`} />
          <Row label="Length" value={formatDuration(booking.service.durationMinutes)} />
          <Row label="Provider" value={booking.provider.businessName} />
          <Row label="Price" value={formatMoney(booking.price)} />
          {booking.payment && <Row label="Payment" value={booking.payment.status.toLowerCase().replace(/_/g, ' ')} />}
          {booking.payment?.refunds.map((r) => (
            <Row key={r.id} label="Refund" value={`${formatMoney(r.amount)} (${r.status.toLowerCase()})`} />
          ))}
          {booking.notes && <Row label="Your notes" value={booking.notes} />}
          {booking.cancellationReason && <Row label="Reason" value={booking.cancellationReason} />}
          <HoldCountdown booking={booking} />
          <Divider my="xs" />
          <BookingActions booking={booking} />
        </Stack>
      </Card>
    </Container>
  );
}

function Outcome({ booking }: { booking: BookingDetailFragment }) {
  const refund = booking.payment?.refunds[0];
  const messages: Partial<Record<BookingDetailFragment['status'], { color: string; title: string; text: string }>> = {
    CONFIRMED: {
      color: 'green',
      title: 'Booking confirmed',
      text: `${booking.provider.businessName} expects you on ${formatDateTime(booking.startsAt)}.`,
    },
    REQUESTED: { color: 'yellow', title: 'Waiting for the provider', text: 'The provider answers within a day; we will tell you.' },
    CANCELLED: {
      color: 'gray',
      title: 'Booking cancelled',
      text: refund
        ? `Refund of ${formatMoney(refund.amount)}: ${refund.status.toLowerCase()}.`
        : booking.payment?.status === 'PAID'
          ? 'No refund is due by the cancellation policy.'
          : 'Nothing was charged.',
    },
    EXPIRED: { color: 'gray', title: 'The hold ran out', text: 'The slot was released. Pick a new time on the service page.' },
    REJECTED: { color: 'red', title: 'The provider declined', text: 'Nothing was charged. Try another time or provider.' },
    COMPLETED: { color: 'teal', title: 'Done', text: booking.review ? 'Thanks for your review.' : 'How did it go? Leave a review below.' },
  };
  const message = messages[booking.status];
  if (!message) return null;
  return (
    <Alert color={message.color} title={message.title} mb="md" role="status">
      {message.text}
    </Alert>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right">
        {value}
      </Text>
    </Group>
  );
}
