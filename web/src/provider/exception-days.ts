// Availability exceptions laid out by day for the month calendar. Their `date` is already
// the local date in the provider's zone ("YYYY-MM-DD"), so days group by it as given, never
// through an instant. Example: a day off and extra 18:00–20:00 on 2026-12-03 mark that day
// "Thu 3 Dec 2026: day off; extra hours 18:00–20:00".
import { dayKey, formatDay } from '../app/format/time';
import type { ExceptionKind } from '../gql/graphql';

export interface ExceptionLike {
  id: string;
  date: string;
  kind: ExceptionKind;
  startMinute?: number | null;
  endMinute?: number | null;
}

/** 570 → "09:30"; 1440 → "24:00". */
export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** "09:30" → 570; "" → null. */
export const minuteOf = (text: string) => (/^\d{2}:\d{2}$/.test(text) ? Number(text.slice(0, 2)) * 60 + Number(text.slice(3)) : null);

/** A BLOCKED exception without hours takes the whole day. */
export const isDayOff = (x: Pick<ExceptionLike, 'kind' | 'startMinute'>) => x.kind === 'BLOCKED' && x.startMinute == null;

/** "day off", "blocked 12:00–13:00", "extra hours 18:00–20:00". */
export function describeException(x: ExceptionLike): string {
  if (isDayOff(x)) return 'day off';
  const hours = `${hhmm(x.startMinute ?? 0)}–${hhmm(x.endMinute ?? 0)}`;
  return x.kind === 'EXTRA' ? `extra hours ${hours}` : `blocked ${hours}`;
}

/** Exceptions by their local date, dates ascending; within a day, a day off first, then by start. */
export function exceptionsByDay<T extends ExceptionLike>(exceptions: readonly T[]): Map<string, T[]> {
  const order = (x: T) => (isDayOff(x) ? -1 : (x.startMinute ?? 0));
  const sorted = [...exceptions].sort((a, b) => a.date.localeCompare(b.date) || order(a) - order(b));
  const days = new Map<string, T[]>();
  for (const x of sorted) {
    const list = days.get(x.date);
    if (list) list.push(x);
    else days.set(x.date, [x]);
  }
  return days;
}

/** "Thu 3 Dec 2026" for a local date, the same in every viewer's zone. */
export const formatLocalDate = (date: string) => formatDay(`${date}T12:00:00Z`, 'UTC');

/** A calendar day's accessible name: its date, then what is special about it. */
export function dayLabel(date: string, exceptions: readonly ExceptionLike[] = []): string {
  const what = exceptions.map(describeException).join('; ');
  return what ? `${formatLocalDate(date)}: ${what}` : formatLocalDate(date);
}

/** How a marked day is coloured: red when it is off or partly blocked, teal when it only adds hours. */
export const dayTone = (exceptions: readonly ExceptionLike[]) => (exceptions.some((x) => x.kind === 'BLOCKED') ? 'red' : 'teal');

/** Today's date in the provider's zone, where a provider's calendar opens. */
export const todayIn = (timeZone: string, now = new Date()) => dayKey(now, timeZone);
