// Working hours of the demo providers and the time arithmetic the booking generator needs.
// Rules are minutes after local midnight; weekday 0 = Sunday (as in the slot calculator).
import { DateTime } from 'luxon';
import type { Rng } from './random';

export interface Range {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

const days = (weekdays: number[], ranges: Array<[number, number]>): Range[] =>
  weekdays.flatMap((weekday) => ranges.map(([startMinute, endMinute]) => ({ weekday, startMinute, endMinute })));

const h = (hours: number) => hours * 60;
const SUN_THU = [0, 1, 2, 3, 4];
const SAT_THU = [6, 0, 1, 2, 3, 4];
const MON_FRI = [1, 2, 3, 4, 5];

export const SCHEDULES = {
  // Bangladesh: Friday (and often Saturday) is the weekend.
  'bd-split': days(SUN_THU, [
    [h(9), h(13)],
    [h(14), h(18)],
  ]),
  'bd-split-sat': [
    ...days(SUN_THU, [
      [h(9), h(13)],
      [h(14), h(18)],
    ]),
    ...days([6], [[h(10), h(14)]]),
  ],
  'bd-day': days(SAT_THU, [[h(8), h(18)]]),
  'bd-salon': days(SAT_THU, [[h(10), h(20)]]),
  'bd-tutor': [...days(SUN_THU, [[h(15), h(21)]]), ...days([5, 6], [[h(9), h(13)]])],
  'west-split': days(MON_FRI, [
    [h(8), h(12)],
    [h(13), h(17)],
  ]),
  'west-day': [...days(MON_FRI, [[h(8), h(17)]]), ...days([6], [[h(9), h(13)]])],
  'in-split': days(
    [1, 2, 3, 4, 5, 6],
    [
      [h(10), h(14)],
      [h(15), h(19)],
    ],
  ),
  'in-day': days([1, 2, 3, 4, 5, 6], [[h(9), h(18)]]),
} satisfies Record<string, Range[]>;

export type ScheduleName = keyof typeof SCHEDULES;

/** The longest single working range: no service of the provider may last longer. */
export const longestRange = (schedule: ScheduleName) => Math.max(...SCHEDULES[schedule].map((r) => r.endMinute - r.startMinute));

/** Today's UTC midnight: the anchor every demo date is relative to. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** A local calendar date `offset` days from the anchor, as UTC midnight (the @db.Date form). */
export const calendarDay = (today: Date, offset: number) => new Date(today.getTime() + offset * 86_400_000);

export const weekdayOf = (day: Date) => day.getUTCDay();

/** The instant of a local wall time on a calendar day in a zone (Luxon handles DST). */
export function localInstant(day: Date, minute: number, zone: string): Date {
  return DateTime.fromObject(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  ).toJSDate();
}

export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
}

/**
 * One provider's diary while the demo is generated: hands out slots inside the working
 * hours that overlap nothing handed out before (buffers included), skipping days that
 * have an exception. So holding bookings can never trip the exclusion constraint.
 */
export class Diary {
  private readonly taken: Array<{ start: number; end: number }> = [];

  constructor(
    private readonly rng: Rng,
    private readonly today: Date,
    private readonly zone: string,
    private readonly rules: Range[],
    private readonly exceptionDays: Set<number>,
  ) {}

  /** A free slot on a day in [fromOffset, toOffset] (days from today), or null when there is none. */
  take(fromOffset: number, toOffset: number, duration: number, buffer: number): Slot | null {
    // Random tries spread the diary; a full scan afterwards finds any slot still free.
    for (let attempt = 0; attempt < 40; attempt++) {
      const day = this.rng.int(fromOffset, toOffset);
      const ranges = this.rangesOn(day, duration);
      if (ranges.length === 0) continue;
      const range = this.rng.pick(ranges);
      const slot = this.claim(
        day,
        range.startMinute + 30 * this.rng.int(0, Math.floor((range.endMinute - range.startMinute - duration) / 30)),
        duration,
        buffer,
      );
      if (slot) return slot;
    }
    for (let day = fromOffset; day <= toOffset; day++) {
      for (const range of this.rangesOn(day, duration)) {
        for (let minute = range.startMinute; minute + duration <= range.endMinute; minute += 30) {
          const slot = this.claim(day, minute, duration, buffer);
          if (slot) return slot;
        }
      }
    }
    return null;
  }

  /** Working ranges long enough for the duration, on a day without exceptions. */
  private rangesOn(offset: number, duration: number): Range[] {
    const day = calendarDay(this.today, offset);
    if (this.exceptionDays.has(day.getTime())) return [];
    return this.rules.filter((r) => r.weekday === weekdayOf(day) && r.endMinute - r.startMinute >= duration);
  }

  private claim(offset: number, startMinute: number, duration: number, buffer: number): Slot | null {
    const startsAt = localInstant(calendarDay(this.today, offset), startMinute, this.zone);
    const slot = { startsAt, endsAt: addMinutes(startsAt, duration), blockedUntil: addMinutes(startsAt, duration + buffer) };
    if (!this.isFree(slot)) return null;
    this.taken.push({ start: slot.startsAt.getTime(), end: slot.blockedUntil.getTime() });
    return slot;
  }

  private isFree(slot: Slot): boolean {
    const start = slot.startsAt.getTime();
    const end = slot.blockedUntil.getTime();
    return this.taken.every((t) => end <= t.start || start >= t.end);
  }
}
