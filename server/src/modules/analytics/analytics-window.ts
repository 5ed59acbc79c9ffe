// The window an analytics query covers, checked, and the local calendar dates it touches
// in the requested IANA zone (pure: no clock, no database).
//   from 2026-03-01T18:00Z, to 2026-03-03T18:00Z
//   Asia/Dhaka (+06): local 03-02 00:00 → 03-04 00:00 → dates 2026-03-02, 2026-03-03
//   UTC:              local 03-01 18:00 → 03-03 18:00 → dates 2026-03-01, 2026-03-02, 2026-03-03
import { DateTime } from 'luxon';
import { badInput } from '../../domain-error';
import { isTimeZone } from '../../input-validation';

export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

export interface AnalyticsWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  timeZone: string;
  /** Every local date (YYYY-MM-DD) from `from` up to the last instant before `to`, in order. */
  dates: string[];
}

export function analyticsWindow(from: Date, to: Date, timeZone: string): AnalyticsWindow {
  if (!isTimeZone(timeZone)) throw badInput('timeZone', `"${timeZone}" is not an IANA time zone; try "Asia/Dhaka" or "UTC"`);
  if (!(from.getTime() < to.getTime())) throw badInput('to', 'to must be after from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw badInput('to', `The window may span at most ${MAX_WINDOW_DAYS} days; ask for a shorter one`);
  }
  return { from, to, timeZone, dates: localDates(from, to, timeZone) };
}

export function localDates(from: Date, to: Date, timeZone: string): string[] {
  const last = DateTime.fromMillis(to.getTime() - 1, { zone: timeZone }).startOf('day');
  const dates: string[] = [];
  for (let d = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day'); d <= last; d = d.plus({ days: 1 })) {
    dates.push(d.toISODate()!);
  }
  return dates;
}
