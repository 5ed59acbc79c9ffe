// "Only services with a free slot in this window" for the whole catalog, in a few reads
// instead of one slot computation per service, each through the owner of its data:
// 1. the catalog port lists active services with their providers' settings (cached under
//    the catalog's version);
// 2. this module's own tables give the providers' rules and exceptions around the window
//    and the services' policies and providers' limits; a provider without any working time
//    there (no weekly rule, no EXTRA or OVERRIDE hours) is skipped without computing;
// 3. the bookings port gives the rest of the providers' booked time in one read;
// 4. per service the calculator gets exactly the query availableSlots would build
//    (slot-query.ts: interval, buffers, notice and horizon, seats, limits) and runs over
//    growing chunks of the window (1, 2, 4 ... days), stopping at the first free slot.
//    Services whose answer cannot differ (same provider and timing, no seats, no limits
//    of their own) are computed once.
import type { BookedTime, BookedWindow, ProviderBookings } from './bookings-port';
import type { SchedulingCatalog } from './catalog-port';
import type { PolicyStore } from './scheduling-policy';
import type { ProviderCalendar, ScheduleStore } from './schedule-store';
import { computeSlots } from './slot-calculator';
import { bookedWindow, effectiveNoticeMinutes, slotQuery, type BookingTarget } from './slot-query';
import { hasLimits } from './scheduling-policy';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

export interface FreeSlotSources {
  catalog: Pick<SchedulingCatalog, 'schedulableServices'>;
  store: Pick<ScheduleStore, 'calendars'>;
  policies: Pick<PolicyStore, 'servicePolicies' | 'providerLimitsOf'>;
  bookings: Pick<ProviderBookings, 'bookedTimesOf'>;
}

export class FreeSlotSearcher {
  constructor(private readonly sources: FreeSlotSources) {}

  async serviceIdsWithFreeSlot(from: Date, to: Date, now: Date): Promise<string[]> {
    const { catalog, store, policies, bookings } = this.sources;
    const schedulable = await catalog.schedulableServices();
    if (!schedulable.length) return [];
    const providerIds = [...new Set(schedulable.map((s) => s.scheduling.id))];
    const [calendars, servicePolicies, providerLimits] = await Promise.all([
      store.calendars(providerIds, from, to),
      policies.servicePolicies(schedulable.map((s) => s.service.id)),
      policies.providerLimitsOf(providerIds),
    ]);
    const targets: BookingTarget[] = schedulable
      .filter((s) => works(calendars.get(s.scheduling.id)!))
      .map(({ service, scheduling }) => ({
        service,
        scheduling,
        policy: servicePolicies.get(service.id)!,
        providerLimits: providerLimits.get(scheduling.id)!,
      }));
    if (!targets.length) return [];
    const booked = await bookings.bookedTimesOf([...new Set(targets.map((t) => t.scheduling.id))], unionOf(targets, from, to));

    const found: string[] = [];
    for (const group of groupBy(targets, sameAnswerKey).values()) {
      const first = group[0]!;
      const calendar = calendars.get(first.scheduling.id)!;
      if (hasFreeSlot(first, calendar, booked.get(first.scheduling.id) ?? [], { from, to, now })) {
        found.push(...group.map((t) => t.service.id));
      }
    }
    return found.sort();
  }
}

/** Any hours at all around the window: a weekly rule, or a dated EXTRA or OVERRIDE. */
const works = (c: ProviderCalendar) => c.rules.length > 0 || c.exceptions.some((e) => e.kind !== 'BLOCKED');

/** One read covering every target's bookedWindow. */
function unionOf(targets: BookingTarget[], from: Date, to: Date): BookedWindow {
  const windows = targets.map((t) => bookedWindow(t, from, to));
  const min = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
  const max = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));
  const counting = windows.filter((w) => w.countFrom && w.countTo);
  return {
    busyFrom: min(windows.map((w) => w.busyFrom)),
    busyTo: max(windows.map((w) => w.busyTo)),
    ...(counting.length && { countFrom: min(counting.map((w) => w.countFrom!)), countTo: max(counting.map((w) => w.countTo!)) }),
  };
}

/**
 * Services of one provider get the same slots when everything the calculator reads of
 * them is equal; a seated service or one with limits of its own counts its own bookings.
 */
function sameAnswerKey(t: BookingTarget): string {
  const { service, policy } = t;
  if (policy.capacity > 1 || hasLimits(policy)) return service.id;
  return [
    t.scheduling.id,
    service.durationMinutes,
    service.bufferMinutes,
    policy.bufferBeforeMinutes,
    policy.intervalMinutes ?? '',
    effectiveNoticeMinutes(t),
    policy.horizon ? `${policy.horizon.amount}${policy.horizon.unit}` : '',
  ].join(':');
}

/** Early exit: chunks of 1, 2, 4 ... days from the first instant notice allows, so a provider free tomorrow costs one day's work. */
function hasFreeSlot(
  target: BookingTarget,
  calendar: ProviderCalendar,
  booked: BookedTime[],
  window: { from: Date; to: Date; now: Date },
): boolean {
  const query = slotQuery(target, calendar, booked, window);
  const end = window.to.getTime();
  const first = Math.max(window.from.getTime(), window.now.getTime() + effectiveNoticeMinutes(target) * MS_PER_MINUTE);
  for (let start = first, days = 1; start < end; start += days * MS_PER_DAY, days *= 2) {
    const chunkEnd = Math.min(start + days * MS_PER_DAY, end);
    if (computeSlots({ ...query, from: new Date(start), to: new Date(chunkEnd) }).length) return true;
  }
  return false;
}

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
