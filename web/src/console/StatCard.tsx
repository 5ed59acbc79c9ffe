// One figure with its label, for the consoles' dashboards.
import { Card, Text } from '@mantine/core';

export function StatCard({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}
