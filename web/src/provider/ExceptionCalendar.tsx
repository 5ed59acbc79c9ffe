// Availability exceptions on a month calendar: days with a day off, blocked hours or extra
// hours are marked (and named so for screen readers); picking a day shows its exceptions
// with Remove, and the form adds one to that day. Keyboard: arrows move between days, Enter
// picks one; the Date field and the list of all exceptions below do the same without the grid.
import '@mantine/dates/styles.css';
import { Button, Card, Group, Indicator, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { monthOf } from '../booking/slot-days';
import { AddExceptionDocument, RemoveExceptionDocument, type ExceptionKind } from '../gql/graphql';
import {
  dayLabel,
  dayTone,
  describeException,
  exceptionsByDay,
  formatLocalDate,
  minuteOf,
  todayIn,
  type ExceptionLike,
} from './exception-days';

const KINDS: { value: string; label: string }[] = [
  { value: 'DAY_OFF', label: 'Day off' },
  { value: 'BLOCKED', label: 'Blocked hours' },
  { value: 'EXTRA', label: 'Extra hours' },
];

const notify = (ok: boolean, message: string) => notifications.show({ color: ok ? 'green' : 'red', message });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function ExceptionCalendar({
  exceptions,
  timeZone,
  onChanged,
}: {
  exceptions: readonly ExceptionLike[];
  timeZone: string;
  onChanged: () => void;
}) {
  const [add, adding] = useMutation(AddExceptionDocument);
  const [remove] = useMutation(RemoveExceptionDocument);
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [month, setMonth] = useState(() => monthOf(date));
  const [kind, setKind] = useState<string>('DAY_OFF');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const days = exceptionsByDay(exceptions);
  const dayExceptions = date ? (days.get(date) ?? []) : [];

  const pick = (day: string) => {
    setDate(day);
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) setMonth(monthOf(day));
  };
  const submit = async () => {
    const whole = kind === 'DAY_OFF';
    try {
      await add({
        variables: {
          input: {
            date,
            kind: whole ? 'BLOCKED' : (kind as ExceptionKind),
            startMinute: whole ? null : minuteOf(start),
            endMinute: whole ? null : minuteOf(end),
          },
        },
      });
      notify(true, 'Exception added');
      onChanged();
    } catch (e) {
      notify(false, messageOf(e));
    }
  };
  const removeOne = async (id: string) => {
    try {
      await remove({ variables: { id } });
      notify(true, 'Exception removed');
      onChanged();
    } catch (e) {
      notify(false, messageOf(e));
    }
  };

  return (
    <section aria-labelledby="exceptions-heading">
      <Title order={2} size="h3" id="exceptions-heading" mb="xs">
        Exceptions
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Dates are in your time zone ({timeZone}). Red marks a day off or blocked hours, teal extra hours.
      </Text>
      <Group align="flex-start" gap="xl" wrap="wrap" mb="md">
        <DatePicker
          aria-label="Exceptions calendar"
          value={date || null}
          date={month}
          onDateChange={(d) => setMonth(monthOf(d))}
          onChange={(d) => d && pick(d)}
          // No red weekends or greyed days of other months: both fall under 4.5:1 contrast.
          weekendDays={[]}
          hideOutsideDates
          previousLabel="Previous month"
          nextLabel="Next month"
          getDayProps={(d) => {
            const label = dayLabel(d, days.get(d));
            return { 'aria-label': label, title: label };
          }}
          renderDay={(d) => {
            const marked = days.get(d);
            return (
              <Indicator size={7} color={marked ? dayTone(marked) : 'gray'} offset={-3} position="bottom-center" disabled={!marked}>
                <div>{Number(d.slice(8, 10))}</div>
              </Indicator>
            );
          }}
        />
        <Stack gap="sm" style={{ flex: 1, minWidth: 240 }}>
          {date && (
            <>
              <Text fw={600} id="exception-day-heading">
                {formatLocalDate(date)}
              </Text>
              {dayExceptions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No exceptions on this day: the weekly hours apply.
                </Text>
              ) : (
                <Stack component="ul" gap={4} aria-labelledby="exception-day-heading" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {dayExceptions.map((x) => (
                    <Group component="li" key={x.id} justify="space-between" wrap="nowrap">
                      <Text size="sm">{capitalised(describeException(x))}</Text>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${describeException(x)}`}
                        onClick={() => void removeOne(x.id)}
                      >
                        Remove
                      </Button>
                    </Group>
                  ))}
                </Stack>
              )}
            </>
          )}
          <Group align="end" wrap="wrap">
            <TextInput type="date" label="Date" value={date} onChange={(e) => pick(e.currentTarget.value)} />
            <Select label="Kind" data={KINDS} value={kind} onChange={(v) => setKind(v ?? 'DAY_OFF')} allowDeselect={false} />
            {kind !== 'DAY_OFF' && (
              <>
                <TextInput type="time" label="From" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
                <TextInput type="time" label="Until" value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
              </>
            )}
            <Button onClick={() => void submit()} loading={adding.loading} disabled={!date}>
              Add exception
            </Button>
          </Group>
        </Stack>
      </Group>
      <Title order={3} size="h5" mb="xs">
        All exceptions
      </Title>
      {days.size === 0 && (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {[...days.values()].flat().map((x) => (
          <Card key={x.id} withBorder padding="xs">
            <Group justify="space-between">
              <Text size="sm">
                {x.date}: {describeException(x)}
              </Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={`Remove ${x.date}: ${describeException(x)}`}
                onClick={() => void removeOne(x.id)}
              >
                Remove
              </Button>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
