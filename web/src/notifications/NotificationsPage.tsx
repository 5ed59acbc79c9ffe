import { Badge, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { usePageTitle } from '../app/page-title';
import { ACCENT } from '../app/theme';
import { EmptyState, ErrorNotice, CardSkeletons } from '../app/screen-states';
import { formatDateTime } from '../app/format/time';
import {
  MarkNotificationsReadDocument,
  NotificationBellDocument,
  NotificationsDocument,
  type NotificationItemFragment,
} from '../gql/graphql';
import { RequireSignIn } from '../account/RequireSignIn';

export function NotificationsPage() {
  usePageTitle('Notifications');
  return (
    <RequireSignIn reason="See your notifications">
      <NotificationList />
    </RequireSignIn>
  );
}

function NotificationList() {
  const { data, loading, error, refetch, fetchMore } = useQuery(NotificationsDocument, { fetchPolicy: 'cache-and-network' });
  const markRead = useMarkRead();
  const connection = data?.notifications;
  return (
    <Container size="md" py="xl">
      <Group justify="space-between" mb="md">
        <Title order={1}>Notifications</Title>
        {connection && connection.unreadCount > 0 && (
          <Button variant="default" onClick={() => markRead(null)}>
            Mark all as read
          </Button>
        )}
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {loading && !connection && (
        <Stack>
          <CardSkeletons count={3} />
        </Stack>
      )}
      {connection && connection.edges.length === 0 && (
        <EmptyState title="No notifications yet">We will tell you here when a booking is confirmed, changed or cancelled.</EmptyState>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0 }}>
        {connection?.edges.map(({ node }) => (
          <NotificationRow key={node.id} note={node} onRead={() => markRead([node.id])} />
        ))}
      </Stack>
      {connection?.pageInfo.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}>
            Load more
          </Button>
        </Group>
      )}
    </Container>
  );
}

function NotificationRow({ note, onRead }: { note: NotificationItemFragment; onRead: () => void }) {
  const unread = !note.readAt;
  return (
    <Card component="li" withBorder radius="md" padding="md" bg={unread ? 'teal.0' : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{note.title}</Text>
            {unread && (
              <Badge size="xs" color={ACCENT}>
                New
              </Badge>
            )}
          </Group>
          <Text size="sm">{note.body}</Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(note.createdAt)}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          {note.bookingId && (
            <Button component={Link} to={`/bookings/${note.bookingId}`} size="xs" variant="subtle" onClick={unread ? onRead : undefined}>
              View booking
            </Button>
          )}
          {unread && (
            <Button size="xs" variant="default" onClick={onRead} aria-label={`Mark "${note.title}" as read`}>
              Mark read
            </Button>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

/** Marks read at once on screen (optimistic); the server's answer confirms or rolls back. */
function useMarkRead() {
  const [mutate] = useMutation(MarkNotificationsReadDocument);
  return (ids: string[] | null) => {
    const readAt = new Date().toISOString();
    void mutate({
      variables: { ids },
      optimisticResponse: { markNotificationsRead: ids?.length ?? 0 },
      update(cache, { data }) {
        if (data === undefined || data === null) return;
        const list = cache.readQuery({ query: NotificationsDocument });
        const targets = list?.notifications.edges.map((e) => e.node).filter((n) => !n.readAt && (ids === null || ids.includes(n.id))) ?? [];
        for (const note of targets) cache.modify({ id: cache.identify(note), fields: { readAt: () => readAt } });
        const marked = ids === null ? Infinity : targets.length;
        const adjust = (count: number) => Math.max(0, count - marked);
        cache.updateQuery({ query: NotificationBellDocument }, (bell) =>
          bell ? { notifications: { ...bell.notifications, unreadCount: adjust(bell.notifications.unreadCount) } } : bell,
        );
        if (list) {
          cache.updateQuery({ query: NotificationsDocument }, (current) =>
            current ? { notifications: { ...current.notifications, unreadCount: adjust(current.notifications.unreadCount) } } : current,
          );
        }
      },
    });
  };
}
