// Weekly hours (several ranges per weekday), exceptions (day off, blocked hours, extra
// hours), scheduling settings, and a preview of the free slots they give for two weeks,
// from availableSlots: exactly what customers are offered.
import { ActionIcon, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../app/screen-states';
import { MyAvailabilityDocument, ProviderServicesDocument, SetAvailabilityDocument } from '../gql/graphql';
import { ExceptionCalendar } from './ExceptionCalendar';
import { hhmm, minuteOf } from './exception-days';
import { SlotPreview } from './SlotPreview';

// Monday first, as people plan a week; the API counts 0 = Sunday.
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Range {
  weekday: number;
  start: string;
  end: string;
}

const notify = (ok: boolean, message: string) => notifications.show({ color: ok ? 'green' : 'red', message });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function AvailabilityScreen({ providerId }: { providerId: string }) {
  const { data, error, refetch } = useQuery(MyAvailabilityDocument, { fetchPolicy: 'cache-and-network' });
  const services = useQuery(ProviderServicesDocument, { variables: { providerId } });
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    void refetch();
  };
  const availability = data?.myAvailability;
  return (
    <Stack gap="xl">
      {error && <ErrorNotice error={error} retry={refetch} />}
      {availability && <WeeklyHours availability={availability} onSaved={changed} />}
      {availability && <ExceptionCalendar exceptions={availability.exceptions} timeZone={availability.timeZone} onChanged={changed} />}
      {availability && (
        <SlotPreview
          services={services.data?.provider?.services.edges.map((e) => e.node).filter((s) => s.active) ?? []}
          timeZone={availability.timeZone}
          version={version}
        />
      )}
    </Stack>
  );
}

function WeeklyHours({
  availability,
  onSaved,
}: {
  availability: {
    timeZone: string;
    minNoticeMinutes: number;
    maxAdvanceDays: number;
    rules: { weekday: number; startMinute: number; endMinute: number }[];
  };
  onSaved: () => void;
}) {
  const [ranges, setRanges] = useState<Range[]>([]);
  const [zone, setZone] = useState(availability.timeZone);
  const [notice, setNotice] = useState<number | string>(availability.minNoticeMinutes);
  const [ahead, setAhead] = useState<number | string>(availability.maxAdvanceDays);
  const [save, saving] = useMutation(SetAvailabilityDocument);
  useEffect(() => {
    setRanges(availability.rules.map((r) => ({ weekday: r.weekday, start: hhmm(r.startMinute), end: hhmm(r.endMinute) })));
  }, [availability.rules]);
  const edit = (i: number, patch: Partial<Range>) => setRanges((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async () => {
    const rules = ranges.map((r) => ({
      weekday: r.weekday,
      startMinute: minuteOf(r.start) ?? 0,
      endMinute: r.end === '24:00' ? 1440 : (minuteOf(r.end) ?? 0),
    }));
    try {
      await save({ variables: { input: { rules, timeZone: zone, minNoticeMinutes: Number(notice), maxAdvanceDays: Number(ahead) } } });
      notify(true, 'Hours saved');
      onSaved();
    } catch (e) {
      notify(false, messageOf(e));
    }
  };
  return (
    <section aria-labelledby="hours-heading">
      <Title order={2} size="h3" id="hours-heading" mb="sm">
        Weekly hours
      </Title>
      <Stack gap="xs">
        {WEEKDAYS.map((weekday) => (
          <Group key={weekday} align="center" wrap="wrap">
            <Text w={100} fw={600}>
              {DAY_NAMES[weekday]}
            </Text>
            {ranges.every((r) => r.weekday !== weekday) && (
              <Text size="sm" c="gray.7">
                Closed
              </Text>
            )}
            {ranges.map((r, i) =>
              r.weekday === weekday ? (
                <Group key={i} gap={4}>
                  <TextInput
                    type="time"
                    aria-label={`${DAY_NAMES[weekday]} from`}
                    value={r.start}
                    onChange={(e) => edit(i, { start: e.currentTarget.value })}
                  />
                  <Text size="sm">to</Text>
                  <TextInput
                    type="time"
                    aria-label={`${DAY_NAMES[weekday]} until`}
                    value={r.end}
                    onChange={(e) => edit(i, { end: e.currentTarget.value })}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${DAY_NAMES[weekday]} ${r.start}–${r.end}`}
                    onClick={() => setRanges((all) => all.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ) : null,
            )}
            <Button size="xs" variant="subtle" onClick={() => setRanges((all) => [...all, { weekday, start: '09:00', end: '17:00' }])}>
              Add hours on {DAY_NAMES[weekday]}
            </Button>
          </Group>
        ))}
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <TextInput
            label="Time zone"
            description="IANA name, e.g. Asia/Dhaka"
            value={zone}
            onChange={(e) => setZone(e.currentTarget.value)}
          />
          <NumberInput
            label="Notice (minutes)"
            description="How soon before a slot it can be booked"
            min={0}
            value={notice}
            onChange={setNotice}
          />
          <NumberInput
            label="Book ahead (days)"
            description="How far ahead customers can book"
            min={1}
            max={365}
            value={ahead}
            onChange={setAhead}
          />
        </SimpleGrid>
        <Group>
          <Button onClick={() => void submit()} loading={saving.loading}>
            Save hours
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
