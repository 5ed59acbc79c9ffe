// Bookable slots of one provider for one service, as a pure function (like cal.com's
// getSlots): rules, exceptions, busy intervals, limits, `now` and the zone go in; UTC
// instants come out. No database, no clock, no environment, so it is tested with frozen time.
//
// How a start is found:
// 1. Working time (working-time.ts): the dates' hours as instants, merged across midnight,
//    BLOCKED pieces cut out, DST boundaries read conservatively (zone-clock.ts).
// 2. Free stretches: working time from the notice boundary on, minus every busy interval
//    widened by this service's buffers (a slot's buffers may run past closing time, but
//    must not touch a booking).
// 3. Starts step by the interval (default: the duration) from anchors: the start of each
//    stretch (so after a booking, a BLOCKED piece or the notice boundary the next start is
//    re-anchored), each local midnight and each offset change. An anchor is first rounded
//    up to the interval's alignment on the provider's wall clock: multiples of
//    gcd(interval, 60) minutes. A start must leave the whole slot inside the stretch.
//    Worked example, 09:05–12:00, 60-minute service, interval 30 (alignment 30):
//    09:30, 10:00, 10:30, 11:00; a booking 09:30–09:45 re-anchors at 09:45 → 10:00, 10:30, 11:00.
// 4. Window: from <= startsAt < to (half-open); notice: startsAt >= now + notice; horizon:
//    startsAt <= its end (rolling hours, rolling days at the same wall time, or until the
//    end of the Nth local day after today). Slots never depend on the window's edges.
// 5. Seats and limits: a service with capacity > 1 sells a start until `capacity` of its
//    bookings share it (seatsLeft says how many remain); a day or week (local, weeks from
//    Monday) whose limit one more booking would break offers nothing more.
// Nonsense input (duration <= 0, negative buffer, unknown zone, ranges the database
// constraints would reject) throws a RangeError: it is a bug upstream, not a user error.
import { DateTime } from 'luxon';
import { workingTime, mergeRanges, subtractAll, type DateException, type InstantRange, type WeeklyRule } from './working-time';
import { ZoneClock } from './zone-clock';

export type { DateException, WeeklyRule };

/** A provider's holding booking, [blocked from, blocked until): its own buffers included. */
export interface BusyInterval {
  start: Date;
  end: Date;
  /** Set for a booking of this very service holding a seat of the start at this instant (ms). */
  seatOf?: number;
}
export type HorizonUnit = 'ROLLING_HOURS' | 'ROLLING_DAYS' | 'CALENDAR_DAYS';
export interface Horizon {
  unit: HorizonUnit;
  amount: number;
}
/** At most maxBookings bookings / maxMinutes booked minutes per local day or week, counting `counted`. */
export interface BookingLimit {
  period: 'DAY' | 'WEEK';
  maxBookings: number | null;
  maxMinutes: number | null;
  counted: { startsAt: Date; minutes: number }[];
}
export interface SlotQuery {
  timeZone: string; // IANA, the provider's
  rules: WeeklyRule[];
  exceptions: DateException[];
  busy: BusyInterval[];
  durationMinutes: number;
  intervalMinutes?: number | null; // between starts; the duration when absent
  bufferBeforeMinutes?: number; // kept free before each booking of this service
  bufferMinutes: number; // kept free after each booking of this service
  minNoticeMinutes: number;
  maxAdvanceDays: number; // rolling calendar days; `horizon` replaces it when given
  horizon?: Horizon | null;
  capacity?: number; // seats per start; 1 when absent
  limits?: BookingLimit[];
  now: Date;
  from: Date; // slots with from <= startsAt < to
  to: Date;
}
export interface Slot {
  startsAt: Date;
  endsAt: Date;
  seatsLeft: number;
}

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Free slots starting in [q.from, q.to), sorted ascending, without duplicates. */
export function computeSlots(q: SlotQuery): Slot[] {
  assertSaneQuery(q);
  const earliest = q.now.getTime() + q.minNoticeMinutes * MS_PER_MINUTE;
  const window = { start: Math.max(q.from.getTime(), earliest), end: Math.min(q.to.getTime(), latestStart(q) + 1) };
  if (window.start >= window.end) return [];
  const durationMs = q.durationMinutes * MS_PER_MINUTE;
  const intervalMs = (q.intervalMinutes ?? q.durationMinutes) * MS_PER_MINUTE;
  const beforeMs = (q.bufferBeforeMinutes ?? 0) * MS_PER_MINUTE;
  const afterMs = q.bufferMinutes * MS_PER_MINUTE;
  const capacity = q.capacity ?? 1;

  // Dates far enough out that a slot starting in the window fits wholly in what is looked at.
  const span = { start: window.start - 2 * MS_PER_DAY, end: window.end + durationMs + 2 * MS_PER_DAY };
  const clock = ZoneClock.covering(q.timeZone, span.start - MS_PER_DAY, span.end + MS_PER_DAY);
  const dates = localDates(span, clock);
  const seated = q.busy.filter((b) => b.seatOf !== undefined).map(toSeated);
  const held = mergeRanges(
    q.busy.filter((b) => b.seatOf === undefined).map((b) => ({ start: b.start.getTime() - afterMs, end: b.end.getTime() + beforeMs })),
  );
  const stretches = subtractAll(workingTime(dates, q.rules, q.exceptions, clock), [{ start: -Infinity, end: earliest }, ...held]);
  const midnights = dates.map((d) => clock.resolve(Date.parse(`${d}T00:00:00Z`), 'earliest'));
  const alignMs = gcd(intervalMs / MS_PER_MINUTE, 60) * MS_PER_MINUTE;
  const limits = (q.limits ?? []).map((l) => limitCheck(l, clock, q.durationMinutes));

  const slots: Slot[] = [];
  for (const stretch of stretches) {
    const anchors = [
      stretch.start,
      ...midnights.filter((m) => m > stretch.start && m < stretch.end),
      ...clock.transitionsBetween(stretch.start, stretch.end),
    ].sort((a, b) => a - b);
    anchors.forEach((anchor, i) => {
      const until = Math.min(anchors[i + 1] ?? Infinity, stretch.end - durationMs + 1);
      const offset = clock.offsetAt(anchor);
      for (let start = Math.ceil((anchor + offset) / alignMs) * alignMs - offset; start < until; start += intervalMs) {
        if (start < window.start || start >= window.end) continue;
        const seatsLeft = capacity - seatsTaken(seated, start, start - beforeMs, start + durationMs + afterMs);
        if (seatsLeft > 0 && limits.every((fits) => fits(start))) {
          slots.push({ startsAt: new Date(start), endsAt: new Date(start + durationMs), seatsLeft });
        }
      }
    });
  }
  // Anchors of touching pieces can repeat a start; keep each instant once.
  return slots
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .filter((s, i, all) => i === 0 || +s.startsAt !== +all[i - 1]!.startsAt);
}

/**
 * True iff computeSlots over any window containing startsAt returns a slot starting
 * exactly then (q.from and q.to are ignored). Slots never depend on the window's edges,
 * so a 1 ms window suffices.
 */
export function isBookableStart(q: SlotQuery, startsAt: Date): boolean {
  return bookableSlot(q, startsAt) !== null;
}

/** The slot starting exactly at startsAt, or null (see isBookableStart). */
export function bookableSlot(q: SlotQuery, startsAt: Date): Slot | null {
  const at = startsAt.getTime();
  if (!Number.isFinite(at)) return null;
  const slots = computeSlots({ ...q, from: startsAt, to: new Date(at + 1) });
  return slots.find((slot) => slot.startsAt.getTime() === at) ?? null;
}

/** The latest bookable start by the horizon, in epoch ms. */
export function latestStart(q: SlotQuery): number {
  const now = DateTime.fromJSDate(q.now, { zone: q.timeZone });
  const horizon = q.horizon ?? { unit: 'ROLLING_DAYS', amount: q.maxAdvanceDays };
  switch (horizon.unit) {
    case 'ROLLING_HOURS':
      return q.now.getTime() + horizon.amount * 3_600_000;
    case 'ROLLING_DAYS':
      return now.plus({ days: horizon.amount }).toMillis();
    case 'CALENDAR_DAYS': // "14 days": until the end of the 14th local day after today
      return (
        now
          .startOf('day')
          .plus({ days: horizon.amount + 1 })
          .toMillis() - 1
      );
  }
}

/** Every local date touching the span, each once. */
function localDates(span: InstantRange, clock: ZoneClock): string[] {
  const first = Math.floor(clock.wallOf(span.start) / MS_PER_DAY);
  const last = Math.floor(clock.wallOf(span.end) / MS_PER_DAY);
  const dates: string[] = [];
  for (let day = first; day <= last; day++) dates.push(new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
  return dates;
}

interface Seated extends InstantRange {
  seatOf: number;
}
const toSeated = (b: BusyInterval): Seated => ({ start: b.start.getTime(), end: b.end.getTime(), seatOf: b.seatOf! });

/** Seats of this start already sold; Infinity when a seat of another start overlaps (the provider is busy then). */
function seatsTaken(seated: Seated[], start: number, heldFrom: number, heldUntil: number): number {
  let taken = 0;
  for (const s of seated) {
    if (s.seatOf === start) taken++;
    else if (heldFrom < s.end && s.start < heldUntil) return Infinity;
  }
  return taken;
}

/** A predicate: does one more booking of durationMinutes starting then stay within the limit? */
function limitCheck(limit: BookingLimit, clock: ZoneClock, durationMinutes: number): (start: number) => boolean {
  const bucketOf = (t: number) => {
    const day = Math.floor(clock.wallOf(t) / MS_PER_DAY);
    return limit.period === 'DAY' ? day : day - ((day + 3) % 7); // day 0 (1970-01-01) was a Thursday; weeks start Monday
  };
  const totals = new Map<number, { bookings: number; minutes: number }>();
  for (const c of limit.counted) {
    const key = bucketOf(c.startsAt.getTime());
    const total = totals.get(key) ?? { bookings: 0, minutes: 0 };
    totals.set(key, { bookings: total.bookings + 1, minutes: total.minutes + c.minutes });
  }
  return (start) => {
    const total = totals.get(bucketOf(start)) ?? { bookings: 0, minutes: 0 };
    return (
      (limit.maxBookings === null || total.bookings + 1 <= limit.maxBookings) &&
      (limit.maxMinutes === null || total.minutes + durationMinutes <= limit.maxMinutes)
    );
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function assertSaneQuery(q: SlotQuery): void {
  const { durationMinutes: duration, bufferMinutes: buffer } = q;
  check(Number.isFinite(duration) && duration > 0, `durationMinutes must be > 0, got ${duration}`);
  check(Number.isFinite(buffer) && buffer >= 0, `bufferMinutes must be >= 0, got ${buffer}`);
  const before = q.bufferBeforeMinutes ?? 0;
  check(Number.isFinite(before) && before >= 0, `bufferBeforeMinutes must be >= 0, got ${before}`);
  const interval = q.intervalMinutes ?? duration;
  check(Number.isInteger(interval) && interval > 0, `intervalMinutes must be a whole number > 0, got ${interval}`);
  check(Number.isInteger(q.capacity ?? 1) && (q.capacity ?? 1) >= 1, `capacity must be a whole number >= 1, got ${q.capacity}`);
  check(Number.isFinite(q.minNoticeMinutes), 'minNoticeMinutes must be a number');
  check(Number.isInteger(q.maxAdvanceDays), 'maxAdvanceDays must be a whole number of days');
  if (q.horizon) check(Number.isInteger(q.horizon.amount) && q.horizon.amount >= 0, 'horizon.amount must be a whole number >= 0');
  check(ZoneClock.isKnownZone(q.timeZone), `unknown time zone ${q.timeZone}`);
  check(
    [q.now, q.from, q.to].every((d) => Number.isFinite(d.getTime())),
    'now, from and to must be valid dates',
  );
  for (const r of q.rules) {
    check(Number.isInteger(r.weekday) && r.weekday >= 0 && r.weekday <= 6, `weekday ${r.weekday} is not 0..6`);
    check(isMinuteRange(r.startMinute, r.endMinute), `rule ${r.startMinute}–${r.endMinute} is not a range of the day`);
  }
  for (const e of q.exceptions) {
    const wholeDay = e.startMinute === null && e.endMinute === null;
    const valid = wholeDay ? e.kind === 'BLOCKED' : isMinuteRange(e.startMinute, e.endMinute);
    check(valid, `${e.kind} exception on ${e.date} has no valid range`);
  }
}

function check(ok: boolean, problem: string): void {
  if (!ok) throw new RangeError(`computeSlots: ${problem}`);
}

// Mirrors the database's check: whole minutes, 0 <= start < end <= 1440.
function isMinuteRange(start: number | null, end: number | null): boolean {
  if (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end)) return false;
  return start >= 0 && start < end && end <= MINUTES_PER_DAY;
}
