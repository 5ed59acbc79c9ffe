// Bookable slots of one provider for one service, as a pure function (like cal.com's
// getSlots): rules, exceptions, busy intervals, `now` and the zone go in; UTC instants
// come out. No database, no clock, no environment, so it is tested with frozen time.
//
// Choices a caller should know:
// - Window: a slot is returned when from <= startsAt < to (half-open, like the busy
//   intervals). The customer's zone plays no part: results are instants.
// - Step: slots step by the service duration from the start of each working range, after
//   merging rules with EXTRA hours and cutting out BLOCKED pieces. Worked example:
//   09:05–12:00, 60 min → 09:05, 10:05 (11:05 would end 12:05, past the range).
// - Fit: the slot itself must fit inside the working range; the buffer after it need not
//   (it may run past closing time), but it must not overlap a busy interval.
// - DST: a range's start and end are local wall times turned into instants by Luxon,
//   which moves a time in a spring-forward gap forward by the gap (01:30 → 02:30 BST) and
//   reads a repeated fall-back time at its later, standard-time offset. Slots then step
//   in real elapsed minutes from the start instant and must end by the end instant, so
//   no slot sits at a non-existent time and the repeated hour yields no duplicates.
// - Notice and horizon: now + minNoticeMinutes <= startsAt <= now + maxAdvanceDays,
//   the days counted as calendar days in the provider's zone (same wall time).
// - Nonsense input (duration <= 0, negative buffer, unknown zone, ranges the database
//   constraints would reject) throws a RangeError: it is a bug upstream, not a user error.
import { DateTime } from 'luxon';

export interface WeeklyRule {
  weekday: number; // 0 = Sunday .. 6 = Saturday
  startMinute: number; // minutes after LOCAL midnight in the provider's zone
  endMinute: number; // 1440 = next local midnight
}
export interface DateException {
  date: string; // YYYY-MM-DD, local to the provider
  kind: 'BLOCKED' | 'EXTRA';
  startMinute: number | null; // both null only for a whole-day BLOCKED
  endMinute: number | null;
}
/** A holding booking of the provider: [startsAt, blockedUntil), its buffer included. */
export interface BusyInterval {
  start: Date;
  end: Date;
}
export interface SlotQuery {
  timeZone: string; // IANA, the provider's
  rules: WeeklyRule[];
  exceptions: DateException[];
  busy: BusyInterval[];
  durationMinutes: number;
  bufferMinutes: number; // kept free after each booking of this service
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  now: Date;
  from: Date; // slots with from <= startsAt < to
  to: Date;
}
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** [start, end) in minutes after local midnight. */
interface MinuteRange {
  start: number;
  end: number;
}
/** [start, end) in epoch milliseconds. */
interface InstantRange {
  start: number;
  end: number;
}

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Free slots starting in [q.from, q.to), sorted ascending, without duplicates. */
export function computeSlots(q: SlotQuery): Slot[] {
  assertSaneQuery(q);
  const window = bookableWindow(q);
  if (window.start >= window.end) return [];
  const durationMs = q.durationMinutes * MS_PER_MINUTE;
  const heldMs = durationMs + q.bufferMinutes * MS_PER_MINUTE;
  const busy = q.busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  const exceptionsByDate = groupByDate(q.exceptions);

  const starts = new Set<number>(); // a Set, so no instant can come out twice
  for (const date of localDatesAround(window, q.timeZone)) {
    for (const range of workingRanges(date, q.rules, exceptionsByDate.get(date) ?? [])) {
      for (const start of slotStarts(toInstants(date, range, q.timeZone), durationMs)) {
        const inWindow = start >= window.start && start < window.end;
        if (inWindow && isFree({ start, end: start + heldMs }, busy)) starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b).map((start) => ({ startsAt: new Date(start), endsAt: new Date(start + durationMs) }));
}

/**
 * True iff computeSlots over any window containing startsAt returns a slot starting
 * exactly then (q.from and q.to are ignored). Slots never depend on the window's edges,
 * so a 1 ms window suffices, and it only looks at that local day and its neighbours.
 */
export function isBookableStart(q: SlotQuery, startsAt: Date): boolean {
  const at = startsAt.getTime();
  if (!Number.isFinite(at)) return false;
  const slots = computeSlots({ ...q, from: startsAt, to: new Date(at + 1) });
  return slots.some((slot) => slot.startsAt.getTime() === at);
}

function assertSaneQuery(q: SlotQuery): void {
  const { durationMinutes: duration, bufferMinutes: buffer } = q;
  check(Number.isFinite(duration) && duration > 0, `durationMinutes must be > 0, got ${duration}`);
  check(Number.isFinite(buffer) && buffer >= 0, `bufferMinutes must be >= 0, got ${buffer}`);
  check(Number.isFinite(q.minNoticeMinutes), 'minNoticeMinutes must be a number');
  check(Number.isInteger(q.maxAdvanceDays), 'maxAdvanceDays must be a whole number of days');
  check(DateTime.local({ zone: q.timeZone }).isValid, `unknown time zone ${q.timeZone}`);
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

// Narrows the asked window to what can be booked at all, so a huge `to` costs nothing.
function bookableWindow(q: SlotQuery): InstantRange {
  const earliest = q.now.getTime() + q.minNoticeMinutes * MS_PER_MINUTE;
  const zonedNow = DateTime.fromJSDate(q.now, { zone: q.timeZone });
  const latest = zonedNow.plus({ days: q.maxAdvanceDays }).toMillis();
  return { start: Math.max(q.from.getTime(), earliest), end: Math.min(q.to.getTime(), latest + 1) };
}

function groupByDate(exceptions: DateException[]): Map<string, DateException[]> {
  const byDate = new Map<string, DateException[]>();
  for (const e of exceptions) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  return byDate;
}

// Local days overlap the UTC window only partly at its ends; taking every local date from
// a day before to a day after is cheap insurance, and the instants are filtered later.
function* localDatesAround(window: InstantRange, zone: string): Generator<string> {
  const first = calendarDate(DateTime.fromMillis(window.start - MS_PER_DAY, { zone }));
  const last = calendarDate(DateTime.fromMillis(window.end + MS_PER_DAY, { zone }));
  // Walked in UTC, where every day is 24 h long: each date comes exactly once.
  for (let day = first; day <= last; day = day.plus({ days: 1 })) yield day.toFormat('yyyy-MM-dd');
}

/** The local calendar date of a zoned time, as UTC midnight (safe for date arithmetic). */
function calendarDate(zoned: DateTime): DateTime {
  return DateTime.utc(zoned.year, zoned.month, zoned.day);
}

/** That date's rules plus EXTRA hours, merged, minus BLOCKED pieces. */
function workingRanges(date: string, rules: WeeklyRule[], exceptions: DateException[]): MinuteRange[] {
  const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday % 7; // Luxon: 7 = Sunday
  const open = [...rules.filter((r) => r.weekday === weekday), ...exceptions.filter((e) => e.kind === 'EXTRA')].map((r) => ({
    start: r.startMinute ?? 0,
    end: r.endMinute ?? MINUTES_PER_DAY,
  }));
  const blocked = exceptions
    .filter((e) => e.kind === 'BLOCKED')
    .map((e) => ({ start: e.startMinute ?? 0, end: e.endMinute ?? MINUTES_PER_DAY }));
  return blocked.reduce(subtract, mergeRanges(open));
}

// Touching ranges merge too (09–12 + 12–15 = 09–15), so stepping runs across the seam.
function mergeRanges(ranges: MinuteRange[]): MinuteRange[] {
  const merged: MinuteRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function subtract(ranges: MinuteRange[], cut: MinuteRange): MinuteRange[] {
  return ranges.flatMap((r) =>
    [
      { start: r.start, end: Math.min(r.end, cut.start) },
      { start: Math.max(r.start, cut.end), end: r.end },
    ].filter((piece) => piece.start < piece.end),
  );
}

function toInstants(date: string, range: MinuteRange, zone: string): InstantRange {
  return {
    start: localMinuteToMillis(date, range.start, zone),
    end: localMinuteToMillis(date, range.end, zone),
  };
}

// From wall-clock fields, not midnight + minutes, so DST days keep their wall times;
// minute 1440 becomes 00:00 of the next date.
function localMinuteToMillis(date: string, minuteOfDay: number, zone: string): number {
  const daysAhead = Math.floor(minuteOfDay / MINUTES_PER_DAY);
  const { year, month, day } = DateTime.fromISO(date, { zone: 'utc' }).plus({ days: daysAhead });
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const hour = Math.floor(minute / 60);
  return DateTime.fromObject({ year, month, day, hour, minute: minute % 60 }, { zone }).toMillis();
}

// Real elapsed time from the range's start; a slot must end by the range's end.
function* slotStarts(range: InstantRange, durationMs: number): Generator<number> {
  for (let start = range.start; start + durationMs <= range.end; start += durationMs) yield start;
}

// Half-open: a slot whose buffer ends exactly when a booking starts is fine.
function isFree(held: InstantRange, busy: InstantRange[]): boolean {
  return busy.every((b) => !(held.start < b.end && b.start < held.end));
}
