// Every booking on the platform, filtered by status and dates.
import { Anchor, Badge, Group, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { ErrorNotice } from '../app/screen-states';
import { STATUS_LABEL } from '../booking/booking-status';
import { AdminBookingsDocument, type BookingStatus } from '../gql/graphql';

const STATUSES = Object.keys(STATUS_LABEL) as BookingStatus[];

export function BookingsScreen() {
  const [status, setStatus] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { data, error, refetch } = useQuery(AdminBookingsDocument, {
    variables: {
      status: status.length ? (status as BookingStatus[]) : null,
      from: from ? new Date(from).toISOString() : null,
      to: to ? new Date(to).toISOString() : null,
    },
  });
  return (
    <Stack>
      <Group align="end">
        <MultiSelect
          label="Status"
          placeholder="Any status"
          data={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s].label }))}
          value={status}
          onChange={setStatus}
          clearable
          w={320}
        />
        <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {data && <Text size="sm">{data.bookings.totalCount} bookings</Text>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Service</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Price</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.bookings.edges.map(({ node: b }) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                <Anchor component={Link} to={`/bookings/${b.id}`}>
                  {formatDateTime(b.startsAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>{b.service.title}</Table.Td>
              <Table.Td>{b.provider.businessName}</Table.Td>
              <Table.Td>{b.customer.name}</Table.Td>
              <Table.Td>{formatMoney(b.price)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_LABEL[b.status].color}>
                  {STATUS_LABEL[b.status].label}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
