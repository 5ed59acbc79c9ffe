// Calendar weeks in an IANA zone that need not be the browser's: the provider's week runs
// Monday to Sunday in the provider's zone wherever the console is opened. Worked example:
// in Asia/Dhaka (+06:00) the week of Thu 2026-12-03 starts on Mon "2026-11-30", whose
// local midnight is the instant 2026-11-29T18:00:00Z.
import { dayKey } from '../app/format/time';

const DAY_MS = 86_400_000;

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
/** How far the zone's wall clock is ahead of UTC at the instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const p = f.formatToParts(new Date(instant));
  const wall = Date.UTC(part(p, 'year'), part(p, 'month') - 1, part(p, 'day'), part(p, 'hour'), part(p, 'minute'), part(p, 'second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

const utcOfDay = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** The instant the local day "YYYY-MM-DD" begins in the zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = utcOfDay(day);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  // Once more, for a day whose offset differs from the guess's (a DST change near midnight).
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** "YYYY-MM-DD" n days after the day (n may be negative). */
export const addDays = (day: string, n: number): string => new Date(utcOfDay(day) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday "YYYY-MM-DD" of the week holding the day "YYYY-MM-DD". */
export function mondayOfDay(day: string): string {
  const weekday = (new Date(utcOfDay(day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** The Monday "YYYY-MM-DD" of the local week holding the instant. */
export const mondayOf = (instant: Date, timeZone: string): string => mondayOfDay(dayKey(instant, timeZone));

/** The seven local days of the week starting on the Monday. */
export const weekDays = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** The instants [from, to) the week covers in the zone. */
export const weekWindow = (monday: string, timeZone: string) => ({
  from: startOfLocalDay(monday, timeZone),
  to: startOfLocalDay(addDays(monday, 7), timeZone),
});

/** The wall-clock minutes of the instant in the zone: 09:30 → 570 (on a DST day too). */
export function localMinutes(iso: string, timeZone: string): number {
  const t = Date.parse(iso);
  const wall = t + zoneOffsetMs(t, timeZone);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}
