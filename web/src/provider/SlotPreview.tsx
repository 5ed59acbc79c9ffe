// The free slots of one service for the next two weeks, by day in the provider's zone:
// what the customer's calendar offers.
import { Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { dayKey, formatDay, formatTime } from '../app/format/time';
import { SlotPreviewDocument } from '../gql/graphql';

const DAY_MS = 86_400_000;

export function SlotPreview({
  services,
  timeZone,
  version,
}: {
  services: { id: string; title: string }[];
  timeZone: string;
  version: number;
}) {
  const [serviceId, setServiceId] = useState<string | null>(null);
  const chosen = serviceId ?? services[0]?.id ?? null;
  const window = useMemo(() => ({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY_MS).toISOString() }), [version]); // new window after each save
  const { data, refetch } = useQuery(SlotPreviewDocument, {
    variables: { serviceId: chosen ?? '', ...window },
    skip: !chosen,
    fetchPolicy: 'network-only',
  });
  useEffect(() => {
    if (chosen) void refetch();
  }, [version, chosen, refetch]);
  const byDay = new Map<string, string[]>();
  for (const slot of data?.availableSlots ?? []) {
    const key = dayKey(slot.startsAt, timeZone);
    byDay.set(key, [...(byDay.get(key) ?? []), slot.startsAt]);
  }
  return (
    <section aria-labelledby="preview-heading">
      <Group justify="space-between" align="end" mb="sm">
        <Title order={2} size="h3" id="preview-heading">
          Free slots, next two weeks
        </Title>
        <Select
          label="Service"
          data={services.map((s) => ({ value: s.id, label: s.title }))}
          value={chosen}
          onChange={setServiceId}
          allowDeselect={false}
          w={280}
        />
      </Group>
      {!chosen && <Text c="gray.7">List an active service to see its slots.</Text>}
      {chosen && byDay.size === 0 && data && <Text c="gray.7">No free slots in the next two weeks.</Text>}
      {/* A list of days, each a list of times: the names are what a test or a screen reader reads. */}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs" role="list" aria-label="Slot preview">
        {[...byDay.entries()].map(([day, starts]) => {
          const label = formatDay(starts[0]!, timeZone);
          return (
            <Card key={day} withBorder padding="xs" role="listitem" aria-label={`Slots on ${label}`}>
              <Stack gap={4}>
                <Text fw={600} size="sm" aria-hidden>
                  {label}
                </Text>
                <Group gap={4} role="list">
                  {starts.map((s) => (
                    <Badge key={s} size="sm" role="listitem">
                      {formatTime(s, timeZone)}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
