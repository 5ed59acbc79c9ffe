// The platform at a glance for a window of days in a chosen zone: revenue and bookings per
// day, bookings by status, top providers (from `analytics`).
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { formatMoney } from '../app/format/money';
import { ErrorNotice } from '../app/screen-states';
import { STATUS_LABEL } from '../booking/booking-status';
import { StatCard } from '../console/StatCard';
import { AdminAnalyticsDocument } from '../gql/graphql';

const DAY_MS = 86_400_000;

export function AnalyticsScreen() {
  const [days, setDays] = useState('30');
  const [zone, setZone] = useState('Asia/Dhaka');
  const window = useMemo(
    () => ({ from: new Date(Date.now() - Number(days) * DAY_MS).toISOString(), to: new Date().toISOString() }),
    [days],
  );
  const { data, error, refetch } = useQuery(AdminAnalyticsDocument, { variables: { ...window, timeZone: zone } });
  const a = data?.analytics;
  const daily = a?.daily.map((d) => ({ date: d.date.slice(5), bookings: d.bookings, revenue: d.revenue.amount / 100 })) ?? [];
  return (
    <Stack>
      <Group align="end">
        <SegmentedControl
          aria-label="Window"
          value={days}
          onChange={setDays}
          data={[
            { value: '7', label: '7 days' },
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
          ]}
        />
        <TextInput label="Time zone" value={zone} onChange={(e) => setZone(e.currentTarget.value)} />
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {a && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <StatCard label="Revenue" value={formatMoney(a.revenue)} />
            <StatCard label="Refunded" value={formatMoney(a.refunded)} />
            <StatCard label="New customers" value={String(a.newCustomers)} />
            <StatCard label="New providers" value={String(a.newProviders)} />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Revenue per day (৳)
            </Title>
            <LineChart h={220} data={daily} dataKey="date" series={[{ name: 'revenue', label: 'Revenue', color: 'teal.7' }]} />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Bookings per day
              </Title>
              <BarChart h={220} data={daily} dataKey="date" series={[{ name: 'bookings', label: 'Bookings', color: 'blue.7' }]} />
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Bookings by status
              </Title>
              <BarChart
                h={220}
                data={a.bookingsByStatus.map((s) => ({ status: STATUS_LABEL[s.status].label, count: s.count }))}
                dataKey="status"
                series={[{ name: 'count', label: 'Bookings', color: 'grape.7' }]}
              />
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Top providers
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Bookings</Table.Th>
                  <Table.Th>Revenue</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.topProviders.map((p) => (
                  <Table.Tr key={p.provider.id}>
                    <Table.Td>{p.provider.businessName}</Table.Td>
                    <Table.Td>{p.bookings}</Table.Td>
                    <Table.Td>{formatMoney(p.revenue)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      )}
    </Stack>
  );
}
