// Builders for slot-calculator tests: hours and exceptions in wall-clock terms, instants
// from a zone's wall time, and slots read back as the provider's wall clock shows them.
import { DateTime } from 'luxon';
import type { DateException, Slot, SlotQuery, WeeklyRule } from '../slot-calculator';

export const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
export const hm = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function hours(from: string, to: string, weekdays = EVERY_DAY): WeeklyRule[] {
  return weekdays.map((weekday) => ({ weekday, startMinute: hm(from), endMinute: to === '24:00' ? 1440 : hm(to) }));
}

export function exception(date: string, kind: DateException['kind'], from?: string, to?: string): DateException {
  return { date, kind, startMinute: from ? hm(from) : null, endMinute: to ? (to === '24:00' ? 1440 : hm(to)) : null };
}

/** A provider's wall time as an instant, e.g. at('2026-06-15T09:00', 'Asia/Dhaka'). */
export const at = (local: string, zone: string): Date => DateTime.fromISO(local, { zone }).toJSDate();
export const utc = (iso: string): Date => new Date(iso);

export function aQuery(over: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timeZone: 'Asia/Dhaka',
    rules: hours('09:00', '17:00'),
    exceptions: [],
    busy: [],
    durationMinutes: 60,
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    maxAdvanceDays: 365,
    now: utc('2026-01-01T00:00:00Z'),
    from: utc('2026-01-01T00:00:00Z'),
    to: utc('2027-01-01T00:00:00Z'),
    ...over,
  };
}

/** The query narrowed to one local day of the provider (its own zone's midnight to midnight). */
export function onDay(date: string, over: Partial<SlotQuery> = {}): SlotQuery {
  const zone = over.timeZone ?? 'Asia/Dhaka';
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return aQuery({ ...over, from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() });
}

/** Slot starts as the provider's wall clock shows them, offset included. */
export const wall = (slots: Slot[], zone: string): string[] =>
  slots.map((s) => DateTime.fromJSDate(s.startsAt, { zone }).toFormat('HH:mmZZ'));
/** Slot starts as wall times without offsets, for rules that read the same in every zone. */
export const clockTimes = (slots: Slot[], zone: string): string[] =>
  slots.map((s) => DateTime.fromJSDate(s.startsAt, { zone }).toFormat('HH:mm'));
export const isoStarts = (slots: Slot[]): string[] => slots.map((s) => s.startsAt.toISOString());
