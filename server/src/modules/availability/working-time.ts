// A provider's working time over some local dates, as instants: each date's hours (its
// weekly rules, or its OVERRIDE ranges instead, plus EXTRA hours), merged across ranges
// and across midnight (22:00–24:00 and 00:00–02:00 of the next day are one night shift),
// minus BLOCKED pieces. Boundaries are read as zone-clock.ts explains: working time
// starts at the later reading of a repeated wall time and ends at the earlier; blocked
// time starts at the earlier and ends at the later.
import type { ZoneClock } from './zone-clock';

export interface WeeklyRule {
  weekday: number; // 0 = Sunday .. 6 = Saturday
  startMinute: number; // minutes after LOCAL midnight in the provider's zone
  endMinute: number; // 1440 = next local midnight
}

/**
 * A dated change of the hours: BLOCKED cuts time out (all day when both minutes are null),
 * EXTRA adds hours, OVERRIDE replaces that date's weekly hours with its ranges.
 */
export interface DateException {
  date: string; // YYYY-MM-DD, local to the provider
  kind: 'BLOCKED' | 'EXTRA' | 'OVERRIDE';
  startMinute: number | null;
  endMinute: number | null;
}

/** [start, end) in epoch milliseconds. */
export interface InstantRange {
  start: number;
  end: number;
}

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

/** Working time of the given local dates (YYYY-MM-DD, ascending), sorted and disjoint. */
export function workingTime(dates: string[], rules: WeeklyRule[], exceptions: DateException[], clock: ZoneClock): InstantRange[] {
  const byDate = new Map<string, DateException[]>();
  for (const e of exceptions) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const open: InstantRange[] = [];
  const blocked: InstantRange[] = [];
  for (const date of dates) {
    const midnight = Date.parse(`${date}T00:00:00Z`); // the wall clock's 00:00, as a UTC value
    const weekday = new Date(midnight).getUTCDay();
    const dayExceptions = byDate.get(date) ?? [];
    const overrides = dayExceptions.filter((e) => e.kind === 'OVERRIDE');
    const hours = [
      ...(overrides.length ? overrides : rules.filter((r) => r.weekday === weekday)),
      ...dayExceptions.filter((e) => e.kind === 'EXTRA'),
    ];
    const wall = (minute: number | null, fallback: number) => midnight + (minute ?? fallback) * MS_PER_MINUTE;
    for (const h of hours) {
      const range = {
        start: clock.resolve(wall(h.startMinute, 0), 'latest'),
        end: clock.resolve(wall(h.endMinute, MINUTES_PER_DAY), 'earliest'),
      };
      if (range.start < range.end) open.push(range);
    }
    for (const b of dayExceptions.filter((e) => e.kind === 'BLOCKED')) {
      blocked.push({
        start: clock.resolve(wall(b.startMinute, 0), 'earliest'),
        end: clock.resolve(wall(b.endMinute, MINUTES_PER_DAY), 'latest'),
      });
    }
  }
  return subtractAll(mergeRanges(open), mergeRanges(blocked));
}

/** Sorted, disjoint ranges; touching ones merge (09–12 + 12–15 = 09–15). */
export function mergeRanges(ranges: InstantRange[]): InstantRange[] {
  const merged: InstantRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** `ranges` minus `cuts`, both sorted and disjoint; one pass over each. */
export function subtractAll(ranges: InstantRange[], cuts: InstantRange[]): InstantRange[] {
  const out: InstantRange[] = [];
  let c = 0;
  for (const range of ranges) {
    let start = range.start;
    while (c < cuts.length && cuts[c]!.end <= start) c++;
    for (let k = c; k < cuts.length && cuts[k]!.start < range.end; k++) {
      const cut = cuts[k]!;
      if (cut.start > start) out.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
    }
    if (start < range.end) out.push({ start, end: range.end });
  }
  return out;
}
