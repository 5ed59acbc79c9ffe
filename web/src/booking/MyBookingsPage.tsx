import { Button, Container, Stack, Tabs, Title } from '@mantine/core';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from 'react-router';
import { RequireSignIn } from '../account/RequireSignIn';
import { usePageTitle } from '../app/page-title';
import { CardSkeletons, EmptyState, ErrorNotice } from '../app/screen-states';
import { BookingUpdatedDocument, MyBookingsDocument } from '../gql/graphql';
import { isUpcoming } from './booking-status';
import { BookingSummary } from './BookingSummary';

export function MyBookingsPage() {
  usePageTitle('My bookings');
  return (
    <RequireSignIn reason="See your bookings">
      <BookingLists />
    </RequireSignIn>
  );
}

function BookingLists() {
  const { data, loading, error, refetch, fetchMore } = useQuery(MyBookingsDocument, { fetchPolicy: 'cache-and-network' });
  // Changes merge into the cache by id; a booking made elsewhere needs the list again.
  useSubscription(BookingUpdatedDocument, { onData: ({ data: event }) => event.data?.bookingUpdated.kind === 'CREATED' && void refetch() });
  const all = data?.myBookings.edges.map((e) => e.node) ?? [];
  const upcoming = all.filter((b) => isUpcoming(b)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = all.filter((b) => !isUpcoming(b));
  const list = (items: typeof all, empty: string) =>
    items.length === 0 ? (
      <EmptyState
        title={empty}
        action={
          <Button component={Link} to="/search">
            Find a service
          </Button>
        }
      />
    ) : (
      <Stack gap="sm">
        {items.map((b) => (
          <BookingSummary key={b.id} booking={b} />
        ))}
      </Stack>
    );
  return (
    <Container size="md" py="xl">
      <Title order={1} mb="md">
        My bookings
      </Title>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {loading && !data ? (
        <Stack>
          <CardSkeletons count={2} />
        </Stack>
      ) : (
        data && (
          <Tabs defaultValue="upcoming">
            <Tabs.List mb="md">
              <Tabs.Tab value="upcoming">Upcoming ({upcoming.length})</Tabs.Tab>
              <Tabs.Tab value="past">Past ({past.length})</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="upcoming">{list(upcoming, 'No upcoming bookings')}</Tabs.Panel>
            <Tabs.Panel value="past">{list(past, 'No past bookings yet')}</Tabs.Panel>
          </Tabs>
        )
      )}
      {data?.myBookings.pageInfo.hasNextPage && (
        <Button mt="md" variant="default" onClick={() => void fetchMore({ variables: { after: data.myBookings.pageInfo.endCursor } })}>
          Load more
        </Button>
      )}
    </Container>
  );
}
