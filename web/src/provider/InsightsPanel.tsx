// Bookings and revenue per day or per week, in the provider's zone (from `analytics`, which
// scopes a provider to their own business). Revenue arrives in poisha and is charted in taka.
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { formatMoney } from '../app/format/money';
import { ErrorNotice } from '../app/screen-states';
import { StatCard } from '../console/StatCard';
import { ProviderInsightsDocument } from '../gql/graphql';
import { chartRows } from './insight-rows';

const DAY_MS = 86_400_000;

export function InsightsPanel({ zone }: { zone: string }) {
  const [days, setDays] = useState('30');
  const [by, setBy] = useState<'day' | 'week'>('day');
  const window = useMemo(
    () => ({ from: new Date(Date.now() - Number(days) * DAY_MS).toISOString(), to: new Date().toISOString() }),
    [days],
  );
  const { data, error, refetch } = useQuery(ProviderInsightsDocument, { variables: { ...window, timeZone: zone } });
  const a = data?.analytics;
  const rows = a ? chartRows(a.daily, by) : [];
  return (
    <Stack component="section" aria-labelledby="insights-heading">
      <Group justify="space-between" align="end">
        <Title order={2} size="h3" id="insights-heading">
          Insights
        </Title>
        <Group>
          <SegmentedControl
            aria-label="Window"
            value={days}
            onChange={setDays}
            data={[
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
            ]}
          />
          <SegmentedControl
            aria-label="Per"
            value={by}
            onChange={(v) => setBy(v === 'week' ? 'week' : 'day')}
            data={[
              { value: 'day', label: 'Per day' },
              { value: 'week', label: 'Per week' },
            ]}
          />
        </Group>
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {a && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <StatCard label="Revenue" value={formatMoney(a.revenue)} />
            <StatCard label="Refunded" value={formatMoney(a.refunded)} />
            <StatCard label="New customers" value={String(a.newCustomers)} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={3} size="h4" mb="sm">
                Bookings per {by} ({zone})
              </Title>
              <BarChart h={220} data={rows} dataKey="label" series={[{ name: 'bookings', label: 'Bookings', color: 'blue.7' }]} />
            </Card>
            <Card withBorder>
              <Title order={3} size="h4" mb="sm">
                Revenue per {by} (৳)
              </Title>
              <LineChart h={220} data={rows} dataKey="label" series={[{ name: 'revenue', label: 'Revenue (৳)', color: 'teal.7' }]} />
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
