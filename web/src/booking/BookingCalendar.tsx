// The booking calendar: a month that marks the days with free slots, then that day's slots
// as buttons named by their local time ("09:30"; "09:30 · 2 seats left" when a start sells
// several), in the viewer's zone: the API dates and names them in it (availableSlots'
// timeZone). Keyboard: arrows move between days, Enter picks one; Tab reaches the slots.
import '@mantine/dates/styles.css';
import { Alert, Button, Card, Group, Indicator, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { formatDay, formatTime, viewerTimeZone } from '../app/format/time';
import { ErrorNotice } from '../app/screen-states';
import { monthOf, slotLabel, today } from './slot-days';
import { useMonthSlots } from './useMonthSlots';

export interface CalendarPick {
  day: string | null;
  slot: string | null;
}

interface Props extends CalendarPick {
  serviceId: string;
  providerTimeZone: string;
  onChange(pick: CalendarPick): void;
}

export function BookingCalendar({ serviceId, providerTimeZone, day, slot, onChange }: Props) {
  const [month, setMonth] = useState(() => monthOf(day ?? today()));
  const { days, capacity, loading, error, refetch } = useMonthSlots(serviceId, month);
  const daySlots = day ? (days.get(day) ?? []) : [];
  const zone = viewerTimeZone();

  // The chosen slot was just taken (live update): say so instead of silently dropping it.
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => {
    if (!slot || loading || !day || monthOf(day) !== month) return;
    if (!daySlots.some((s) => s.startsAt === slot)) {
      setLost(slot);
      onChange({ day, slot: null });
    }
  }, [slot, daySlots, loading, day, month, onChange]);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="calendar-heading" aria-busy={loading}>
      <Title order={2} size="h4" id="calendar-heading" mb="xs">
        Pick a day and time
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Times are in your time zone ({zone}).
        {zone !== providerTimeZone && ` The provider works in ${providerTimeZone}.`}
      </Text>
      {error && <ErrorNotice error={error} title="Free times did not load" retry={refetch} />}
      <Group align="flex-start" gap="xl" wrap="wrap">
        <DatePicker
          aria-label="Booking calendar"
          value={day}
          date={month}
          onDateChange={(d) => setMonth(monthOf(d))}
          onChange={(d) => {
            setLost(null);
            onChange({ day: d, slot: null });
          }}
          minDate={today()}
          previousLabel="Previous month"
          nextLabel="Next month"
          getDayProps={(d) => {
            const count = days.get(d)?.length ?? 0;
            return {
              disabled: !count,
              'aria-label': `${formatDay(`${d}T12:00:00`)}${count ? `, ${count} free ${count === 1 ? 'time' : 'times'}` : ', no free times'}`,
            };
          }}
          renderDay={(d) => (
            <Indicator size={6} color="teal" offset={-3} position="bottom-center" disabled={!days.get(d)?.length}>
              <div>{Number(d.slice(8, 10))}</div>
            </Indicator>
          )}
        />
        <Stack gap="sm" style={{ flex: 1, minWidth: 220 }}>
          {lost && (
            <Alert color="orange" role="alert" title="That time was just taken">
              Someone booked {formatTime(lost)} a moment ago. Pick another time.
            </Alert>
          )}
          {loading && <Skeleton height={120} />}
          {!loading && !day && (
            <Text c="dimmed">
              {days.size ? 'Choose a highlighted day to see its free times.' : 'No free times left this month; try the next one.'}
            </Text>
          )}
          {day && !loading && (
            <>
              <Text fw={600} id="slots-heading">
                {formatDay(`${day}T12:00:00`)}
              </Text>
              {daySlots.length === 0 ? (
                <Text c="dimmed">No free times left on this day.</Text>
              ) : (
                <SimpleGrid cols={{ base: 3, xs: 4 }} spacing="xs" role="group" aria-labelledby="slots-heading">
                  {daySlots.map((s) => (
                    <Button
                      key={s.startsAt}
                      variant={s.startsAt === slot ? 'filled' : 'default'}
                      aria-pressed={s.startsAt === slot}
                      onClick={() => {
                        setLost(null);
                        onChange({ day, slot: s.startsAt });
                      }}
                    >
                      {slotLabel(s, capacity)}
                    </Button>
                  ))}
                </SimpleGrid>
              )}
            </>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
