// Today and upcoming: requests waiting for an answer and the week calendar, both live
// (bookingUpdated: a new request or any change to one of ours reads both again).
import { Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { EmptyState, ErrorNotice } from '../app/screen-states';
import { ACCENT } from '../app/theme';
import {
  AcceptRequestDocument,
  ProviderBookingsDocument,
  ProviderBookingUpdatedDocument,
  ProviderWeekDocument,
  RejectRequestDocument,
  type ProviderBookingFragment,
} from '../gql/graphql';
import { WeekCalendar } from './WeekCalendar';

const DAY_MS = 86_400_000;

export function RequestsScreen({ zone }: { zone: string }) {
  const client = useApolloClient();
  const from = useMemo(() => new Date(Date.now() - DAY_MS).toISOString(), []);
  const { data, error, refetch } = useQuery(ProviderBookingsDocument, {
    variables: { status: ['REQUESTED'], from },
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(ProviderBookingUpdatedDocument, {
    onData: () => void client.refetchQueries({ include: [ProviderBookingsDocument, ProviderWeekDocument] }),
  });
  // One just answered leaves at once (its status changes in the cache before the list is read again).
  const requests = data?.providerBookings.edges.map((e) => e.node).filter((b) => b.status === 'REQUESTED') ?? [];
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
      <WeekCalendar zone={zone} />
    </Stack>
  );
}

function RequestCard({ booking, zone }: { booking: ProviderBookingFragment; zone: string }) {
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
            <Text size="sm" c={ACCENT}>
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
