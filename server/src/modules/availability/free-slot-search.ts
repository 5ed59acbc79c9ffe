// "Only services with a free slot in this window" for the whole catalog, in a few
// queries instead of one slot computation per service:
// 1. one SQL query lists active services whose provider has any working time (a weekly
//    rule on the weekday, or EXTRA hours) on a local date of the window, after notice
//    and before the horizon; everyone else is skipped without computing anything;
// 2. three queries load those providers' rules, exceptions and holding bookings;
// 3. per provider, per distinct (duration, buffer), the calculator runs over growing
//    chunks of the window (1, 2, 4 ... days) and stops at the first free slot.
// Step 1 reads the catalog's service and provider tables directly (read-only): the
// one place this module does, because a per-service call through the catalog is what
// this search exists to avoid.
import type { Db } from '../../infra/database';
import { computeSlots, type BusyInterval, type DateException, type WeeklyRule } from './slot-calculator';
import { dateString, HOLDING_STATUSES, toDateException } from './schedule-store';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

interface Candidate {
  service_id: string;
  provider_id: string;
  duration_minutes: number;
  buffer_minutes: number;
  time_zone: string;
  min_notice_minutes: number;
  max_advance_days: number;
}

export class FreeSlotSearcher {
  constructor(private readonly prisma: Db) {}

  async serviceIdsWithFreeSlot(from: Date, to: Date, now: Date): Promise<string[]> {
    const candidates = await this.candidates(from, to, now);
    if (!candidates.length) return [];
    const providerIds = [...new Set(candidates.map((c) => c.provider_id))];
    const maxHeldMs = Math.max(...candidates.map((c) => (c.duration_minutes + c.buffer_minutes) * MS_PER_MINUTE));
    const [rules, exceptions, busy] = await Promise.all([
      this.prisma.availabilityRule.findMany({ where: { providerId: { in: providerIds } } }),
      this.prisma.availabilityException.findMany({
        where: {
          providerId: { in: providerIds },
          date: { gte: utcDate(from.getTime() - 2 * MS_PER_DAY), lte: utcDate(to.getTime() + 2 * MS_PER_DAY) },
        },
      }),
      this.prisma.booking.findMany({
        where: {
          providerId: { in: providerIds },
          status: { in: HOLDING_STATUSES },
          startsAt: { lt: new Date(to.getTime() + maxHeldMs) },
          blockedUntil: { gt: from },
        },
        select: { providerId: true, startsAt: true, blockedUntil: true },
      }),
    ]);
    const rulesOf = groupBy(rules, (r) => r.providerId);
    const exceptionsOf = groupBy(exceptions, (e) => e.providerId);
    const busyOf = groupBy(busy, (b) => b.providerId);

    const found: string[] = [];
    for (const group of groupBy(candidates, (c) => `${c.provider_id}:${c.duration_minutes}:${c.buffer_minutes}`).values()) {
      const first = group[0]!;
      const calendar = {
        rules: rulesOf.get(first.provider_id) ?? [],
        exceptions: (exceptionsOf.get(first.provider_id) ?? []).map(toDateException),
        busy: (busyOf.get(first.provider_id) ?? []).map((b): BusyInterval => ({ start: b.startsAt, end: b.blockedUntil })),
      };
      if (hasFreeSlot(first, calendar, from, to, now)) found.push(...group.map((c) => c.service_id));
    }
    return found.sort();
  }

  // Services whose provider works on some local date the bookable part of the window
  // touches. A superset is fine (the calculator decides); a missed service is not.
  private candidates(from: Date, to: Date, now: Date): Promise<Candidate[]> {
    return this.prisma.$queryRaw<Candidate[]>`
      WITH c AS (
        SELECT s.id::text AS service_id, s.provider_id::text AS provider_id, s.duration_minutes, s.buffer_minutes,
               p.time_zone, p.min_notice_minutes, p.max_advance_days,
               greatest(${from}::timestamptz, ${now}::timestamptz + make_interval(mins => p.min_notice_minutes)) AS w_start,
               least(${to}::timestamptz,
                     ((${now}::timestamptz AT TIME ZONE p.time_zone) + make_interval(days => p.max_advance_days)) AT TIME ZONE p.time_zone
                       + interval '1 millisecond') AS w_end
        FROM service s JOIN provider p ON p.id = s.provider_id
        WHERE s.active)
      SELECT service_id, provider_id, duration_minutes, buffer_minutes, time_zone, min_notice_minutes, max_advance_days
      FROM c
      WHERE w_start < w_end AND EXISTS (
        SELECT 1 FROM generate_series((w_start AT TIME ZONE time_zone)::date, (w_end AT TIME ZONE time_zone)::date, interval '1 day') AS d(day)
        WHERE EXISTS (SELECT 1 FROM availability_rule r WHERE r.provider_id = c.provider_id::uuid AND r.weekday = extract(dow FROM d.day)::int)
           OR EXISTS (SELECT 1 FROM availability_exception e
                      WHERE e.provider_id = c.provider_id::uuid AND e.kind = 'EXTRA' AND e.date = d.day::date))`;
  }
}

/** Early exit: chunks of 1, 2, 4 ... days, so a provider free tomorrow costs one day's work. */
function hasFreeSlot(
  c: Candidate,
  calendar: { rules: WeeklyRule[]; exceptions: DateException[]; busy: BusyInterval[] },
  from: Date,
  to: Date,
  now: Date,
): boolean {
  const query = {
    ...calendar,
    timeZone: c.time_zone,
    durationMinutes: c.duration_minutes,
    bufferMinutes: c.buffer_minutes,
    minNoticeMinutes: c.min_notice_minutes,
    maxAdvanceDays: c.max_advance_days,
    now,
  };
  for (let start = from.getTime(), days = 1; start < to.getTime(); start += days * MS_PER_DAY, days *= 2) {
    const end = Math.min(start + days * MS_PER_DAY, to.getTime());
    if (computeSlots({ ...query, from: new Date(start), to: new Date(end) }).length) return true;
  }
  return false;
}

const utcDate = (ms: number) => new Date(`${dateString(new Date(ms))}T00:00:00Z`);

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
