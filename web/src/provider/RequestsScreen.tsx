// Requests waiting for an answer (live: bookingUpdated), and the week ahead by day.
import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useAuth } from '../app/auth/AuthProvider';
import { formatMoney } from '../app/format/money';
import { dayKey, formatDateTime, formatDay, formatTime } from '../app/format/time';
import { EmptyState, ErrorNotice } from '../app/screen-states';
import { STATUS_LABEL } from '../booking/booking-status';
import {
  AcceptRequestDocument,
  ProviderBookingsDocument,
  ProviderBookingUpdatedDocument,
  RejectRequestDocument,
  type ProviderBookingFragment,
} from '../gql/graphql';

const DAY_MS = 86_400_000;

export function RequestsScreen() {
  const { viewer } = useAuth();
  const zone = viewer?.timeZone;
  const from = useMemo(() => new Date(Date.now() - DAY_MS).toISOString(), []);
  const { data, error, refetch } = useQuery(ProviderBookingsDocument, {
    variables: { status: ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'], from },
    fetchPolicy: 'cache-and-network',
  });
  // A new request or any change to one of ours: read the list again.
  useSubscription(ProviderBookingUpdatedDocument, { onData: () => void refetch() });
  const bookings = data?.providerBookings.edges.map((e) => e.node) ?? [];
  const requests = bookings.filter((b) => b.status === 'REQUESTED');
  return (
    <Stack gap="xl">
      {error && <ErrorNotice error={error} retry={refetch} />}
      <section aria-labelledby="requests-heading">
        <Title order={2} size="h3" id="requests-heading" mb="sm">
          Requests to answer ({requests.length})
        </Title>
        {requests.length === 0 ? (
          <EmptyState title="No requests waiting">New booking requests appear here as they arrive.</EmptyState>
        ) : (
          <Stack>
            {requests.map((b) => (
              <RequestCard key={b.id} booking={b} zone={zone} />
            ))}
          </Stack>
        )}
      </section>
      <WeekAhead bookings={bookings} zone={zone} />
    </Stack>
  );
}

function RequestCard({ booking, zone }: { booking: ProviderBookingFragment; zone?: string }) {
  const [accept, accepting] = useMutation(AcceptRequestDocument);
  const [reject, rejecting] = useMutation(RejectRequestDocument);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      notifications.show({ color: 'green', message: done });
    } catch (e) {
      notifications.show({ color: 'red', title: 'That did not work', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Card withBorder radius="md" component="article" aria-label={`Request from ${booking.customer.name}`}>
      <Group justify="space-between" align="start">
        <div>
          <Text fw={600}>
            {booking.service.title} for {booking.customer.name}
          </Text>
          <Text size="sm">{formatDateTime(booking.startsAt, zone)}</Text>
          {booking.answerBy && (
            <Text size="sm" c="orange.9">
              Answer by {formatDateTime(booking.answerBy, zone)}
            </Text>
          )}
          {booking.notes && (
            <Text size="sm" c="gray.7">
              “{booking.notes}”
            </Text>
          )}
          <Text size="sm">{formatMoney(booking.price)}</Text>
        </div>
        <Group>
          <Button
            loading={accepting.loading}
            onClick={() => act(() => accept({ variables: { id: booking.id } }), 'Accepted: the customer has 15 minutes to pay')}
          >
            Accept
          </Button>
          <Button variant="light" color="red" onClick={() => setAsking(true)}>
            Reject
          </Button>
        </Group>
      </Group>
      <Modal opened={asking} onClose={() => setAsking(false)} title="Reject this request">
        <Stack>
          <Textarea label="Reason (shown to the customer)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Button
            color="red"
            loading={rejecting.loading}
            onClick={() =>
              act(async () => {
                await reject({ variables: { id: booking.id, reason: reason || null } });
                setAsking(false);
              }, 'Request rejected; the customer was told')
            }
          >
            Reject request
          </Button>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Seven days from today in the provider's zone, each with its bookings in time order. */
function WeekAhead({ bookings, zone }: { bookings: ProviderBookingFragment[]; zone?: string }) {
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.now() + i * DAY_MS).toISOString());
  return (
    <section aria-labelledby="week-heading">
      <Title order={2} size="h3" id="week-heading" mb="sm">
        This week
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4, lg: 7 }} spacing="xs">
        {days.map((day) => {
          const key = dayKey(day, zone);
          const onDay = bookings.filter((b) => dayKey(b.startsAt, zone) === key).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
          return (
            <Card key={key} withBorder padding="xs" radius="sm">
              <Text fw={600} size="sm" mb={4}>
                {formatDay(day, zone)}
              </Text>
              {onDay.length === 0 && (
                <Text size="xs" c="gray.7">
                  Free
                </Text>
              )}
              {onDay.map((b) => (
                <Stack key={b.id} gap={0} mb={6}>
                  <Text size="xs" fw={600}>
                    {formatTime(b.startsAt, zone)} {b.service.title}
                  </Text>
                  <Text size="xs">{b.customer.name}</Text>
                  <Badge size="xs" variant="light" color={STATUS_LABEL[b.status].color}>
                    {STATUS_LABEL[b.status].label}
                  </Badge>
                </Stack>
              ))}
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
