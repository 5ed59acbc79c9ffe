// Every booking on the platform, filtered by status, provider, customer and dates (whole days
// in the admin's own zone: From is the start of its day, To the end of its day).
import { Anchor, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { DataTable } from '../app/DataTable';
import { STATUS_LABEL } from '../booking/booking-status';
import { BookingStatusBadge } from '../console/BookingStatusBadge';
import { AdminBookingsDocument, type BookingStatus } from '../gql/graphql';
import { PersonFilter } from './PersonFilter';

const STATUSES = Object.keys(STATUS_LABEL) as BookingStatus[];

/** Local midnight of a YYYY-MM-DD date, `days` later. */
const startOfLocalDay = (date: string, days = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days);
};

export function BookingsScreen() {
  const [status, setStatus] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [providerId, setProviderId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const bookings = useQuery(AdminBookingsDocument, {
    variables: {
      status: status.length ? (status as BookingStatus[]) : null,
      providerId,
      customerId,
      from: from ? startOfLocalDay(from).toISOString() : null,
      to: to ? startOfLocalDay(to, 1).toISOString() : null,
    },
  });
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <MultiSelect
          label="Status"
          placeholder="Any status"
          data={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s].label }))}
          value={status}
          onChange={setStatus}
          clearable
          w={320}
        />
        <PersonFilter label="Provider" role="PROVIDER" value={providerId} onChange={setProviderId} />
        <PersonFilter label="Customer" role="CUSTOMER" value={customerId} onChange={setCustomerId} />
        <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {bookings.data && <Text size="sm">{bookings.data.bookings.totalCount} bookings</Text>}
      <DataTable
        label="Bookings"
        query={bookings}
        items={bookings.data?.bookings.edges.map((e) => e.node)}
        itemKey={(b) => b.id}
        empty={{ title: 'No bookings match', body: 'Widen the dates or clear a filter.' }}
        columns={[
          {
            header: 'When',
            cell: (b) => (
              <Anchor component={Link} to={`/bookings/${b.id}`}>
                {formatDateTime(b.startsAt)}
              </Anchor>
            ),
          },
          { header: 'Service', cell: (b) => b.service.title },
          { header: 'Provider', cell: (b) => b.provider.businessName },
          { header: 'Customer', cell: (b) => b.customer.name },
          { header: 'Price', cell: (b) => formatMoney(b.price) },
          { header: 'Status', cell: (b) => <BookingStatusBadge status={b.status} /> },
        ]}
      />
    </Stack>
  );
}
