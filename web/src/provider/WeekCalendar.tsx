// The provider's week, Monday to Sunday in their zone: seven day columns, each booking a
// block at its local start time and as tall as it lasts; bookings at the same time share
// the column side by side. Every booking is a link (Tab reaches them in time order, day by
// day); previous/next week buttons and "This week" move the window.
import { Badge, Button, getThemeColor, Group, ScrollArea, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { dayKey, formatDay, formatTime } from '../app/format/time';
import { ErrorNotice } from '../app/screen-states';
import { ACCENT } from '../app/theme';
import { STATUS_LABEL } from '../booking/booking-status';
import { addDays, mondayOf, startOfLocalDay, weekDays, weekWindow } from '../console/week';
import { ProviderWeekDocument } from '../gql/graphql';
import classes from './WeekCalendar.module.css';
import { placeDay, type PlacedBooking } from './week-placement';

const HOUR_PX = 44;
const DEFAULT_HOURS = { first: 8, last: 20 };

export function WeekCalendar({ zone }: { zone: string }) {
  const thisMonday = mondayOf(new Date(), zone);
  const [monday, setMonday] = useState(thisMonday);
  const { from, to } = weekWindow(monday, zone);
  const { data, error, refetch } = useQuery(ProviderWeekDocument, {
    variables: { from: from.toISOString(), to: to.toISOString() },
    fetchPolicy: 'cache-and-network',
  });
  const bookings = data?.providerBookings.edges.map((e) => e.node) ?? [];
  const days = weekDays(monday);
  const today = dayKey(new Date(), zone);
  const week = days.map((day) => ({
    day,
    placed: placeDay(
      bookings.filter((b) => dayKey(b.startsAt, zone) === day),
      zone,
    ),
  }));
  const all = week.flatMap((d) => d.placed);
  const first = Math.min(DEFAULT_HOURS.first, ...all.map((p) => Math.floor(p.startMinute / 60)));
  const last = Math.max(DEFAULT_HOURS.last, ...all.map((p) => Math.ceil(p.endMinute / 60)));
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const height = (last - first) * HOUR_PX;
  const dayLabel = (d: string) => formatDay(startOfLocalDay(d, zone).toISOString(), zone);
  const hidden = (data?.providerBookings.totalCount ?? 0) - bookings.length;

  return (
    <section aria-labelledby="week-heading">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Stack gap={0}>
          <Title order={2} size="h3" id="week-heading">
            Week of {dayLabel(monday)}
          </Title>
          <Text size="xs" c="gray.7">
            Times in {zone}
          </Text>
        </Stack>
        <Group gap="xs" role="group" aria-label="Choose the week">
          <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, -7))}>
            Previous week
          </Button>
          <Button variant="default" size="xs" onClick={() => setMonday(thisMonday)} disabled={monday === thisMonday}>
            This week
          </Button>
          <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, 7))}>
            Next week
          </Button>
        </Group>
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {hidden > 0 && (
        <Text size="sm" c={ACCENT} mb="xs">
          {hidden} more bookings this week are not shown; see them in the requests list.
        </Text>
      )}
      {/* Focusable and named: on a narrow screen the week scrolls sideways, by keyboard too. */}
      <ScrollArea type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Week calendar' }}>
        <div className={classes.grid} aria-busy={!data}>
          <div aria-hidden />
          {week.map(({ day: d, placed }) => (
            <div key={d} className={`${classes.dayHead} ${d === today ? classes.today : ''}`}>
              <Text fw={600} size="sm">
                {dayLabel(d)}
              </Text>
              <Text size="xs" c="gray.7">
                {d === today && 'Today · '}
                {placed.length === 0 ? 'Free' : `${placed.length} booked`}
              </Text>
            </div>
          ))}
          <div className={classes.gutter} style={{ height }} aria-hidden>
            {hours.map((h) => (
              <span key={h} className={classes.hourLabel} style={{ top: (h - first) * HOUR_PX }}>
                {String(h).padStart(2, '0')}:00
              </span>
            ))}
          </div>
          {week.map(({ day: d, placed }) => (
            <div
              key={d}
              className={classes.column}
              style={{ height }}
              role="list"
              aria-label={d === today ? `${dayLabel(d)}, today` : dayLabel(d)}
            >
              {hours.map((h) => (
                <div key={h} className={classes.hourLine} style={{ top: (h - first) * HOUR_PX }} aria-hidden />
              ))}
              {placed.length === 0 && (
                <div role="listitem" className="visually-hidden">
                  No bookings
                </div>
              )}
              {placed.map((p) => (
                <BookingBlock key={p.booking.id} placed={p} first={first} zone={zone} />
              ))}
            </div>
          ))}
        </div>
      </ScrollArea>
    </section>
  );
}

function BookingBlock({ placed: p, first, zone }: { placed: PlacedBooking; first: number; zone: string }) {
  const { booking: b } = p;
  const theme = useMantineTheme();
  const status = STATUS_LABEL[b.status];
  const top = ((p.startMinute - first * 60) / 60) * HOUR_PX;
  const blockHeight = Math.max(22, ((p.endMinute - p.startMinute) / 60) * HOUR_PX - 2);
  const when = `${formatTime(b.startsAt, zone)}–${formatTime(b.endsAt, zone)}`;
  return (
    <div role="listitem">
      <Link
        to={`/bookings/${b.id}`}
        className={classes.booking}
        style={{
          top,
          height: blockHeight,
          left: `calc(${(100 / p.lanes) * p.lane}% + 2px)`,
          width: `calc(${100 / p.lanes}% - 4px)`,
          borderLeftColor: getThemeColor(status.color, theme),
        }}
        aria-label={`${when} ${b.service.title} for ${b.customer.name}, ${status.label}`}
      >
        <b>{formatTime(b.startsAt, zone)}</b> {b.service.title}
        <br />
        {b.customer.name}{' '}
        <Badge size="xs" color={status.color} component="span">
          {status.label}
        </Badge>
      </Link>
    </div>
  );
}
