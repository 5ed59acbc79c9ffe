// Turns what availability knows of a service (its catalog facts, its policy, its
// provider's settings and limits, the provider's bookings) into the slot calculator's
// pure query: the one place where "the service's own setting, else the provider's" is decided.
import type { BookedTime, BookedWindow } from './bookings-port';
import type { BookableService, ProviderScheduling } from './catalog-port';
import { hasLimits, type BookingLimits, type ServicePolicy } from './scheduling-policy';
import type { ProviderCalendar } from './schedule-store';
import type { BookingLimit, BusyInterval, SlotQuery } from './slot-calculator';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A service that can be booked now, with its policy and its provider's settings and limits. */
export interface BookingTarget {
  service: BookableService;
  scheduling: ProviderScheduling;
  policy: ServicePolicy;
  providerLimits: BookingLimits;
  /** The provider's calendar around one start, read with the policy (bookingTarget's `at`) for assertBookable. */
  calendarAt?: { startsAt: number; calendar: ProviderCalendar };
}

export const effectiveNoticeMinutes = (t: BookingTarget) => t.policy.minNoticeMinutes ?? t.scheduling.minNoticeMinutes;

export const usesLimits = (t: BookingTarget) => hasLimits(t.policy) || hasLimits(t.providerLimits);

/** How long one booking of the service keeps the provider: buffers included. */
export const heldMs = (t: BookingTarget) =>
  (t.policy.bufferBeforeMinutes + t.service.durationMinutes + t.service.bufferMinutes) * MS_PER_MINUTE;

/** The bookings to read for slots starting in [from, to): busy ones around it, counted ones in its days and weeks. */
export function bookedWindow(t: BookingTarget, from: Date, to: Date): BookedWindow {
  const window = { busyFrom: new Date(from.getTime() - heldMs(t)), busyTo: new Date(to.getTime() + heldMs(t)) };
  if (!usesLimits(t)) return window;
  // Any local week holding a start of the window lies within 8 days of it, in any zone.
  return { ...window, countFrom: new Date(from.getTime() - 8 * MS_PER_DAY), countTo: new Date(to.getTime() + 8 * MS_PER_DAY) };
}

export function slotQuery(
  t: BookingTarget,
  calendar: ProviderCalendar,
  booked: BookedTime[],
  window: { from: Date; to: Date; now: Date },
): SlotQuery {
  const { service, scheduling, policy } = t;
  const seated = policy.capacity > 1;
  const busy = booked
    .filter((b) => b.holding)
    .map((b): BusyInterval => ({
      start: b.blockedFrom,
      end: b.blockedUntil,
      ...(seated && b.seatGroup !== null && b.serviceId === service.id && { seatOf: b.startsAt.getTime() }),
    }));
  return {
    rules: calendar.rules,
    exceptions: calendar.exceptions,
    busy,
    timeZone: scheduling.timeZone,
    durationMinutes: service.durationMinutes,
    intervalMinutes: policy.intervalMinutes,
    bufferBeforeMinutes: policy.bufferBeforeMinutes,
    bufferMinutes: service.bufferMinutes,
    minNoticeMinutes: effectiveNoticeMinutes(t),
    maxAdvanceDays: scheduling.maxAdvanceDays,
    horizon: policy.horizon,
    capacity: policy.capacity,
    limits: [
      ...limitsOf(
        policy,
        booked.filter((b) => b.serviceId === service.id),
      ),
      ...limitsOf(t.providerLimits, booked),
    ],
    ...window,
  };
}

function limitsOf(l: BookingLimits, booked: BookedTime[]): BookingLimit[] {
  const counted = booked.map((b) => ({ startsAt: b.startsAt, minutes: (b.endsAt.getTime() - b.startsAt.getTime()) / MS_PER_MINUTE }));
  return [
    { period: 'DAY' as const, maxBookings: l.maxBookingsPerDay, maxMinutes: l.maxMinutesPerDay, counted },
    { period: 'WEEK' as const, maxBookings: l.maxBookingsPerWeek, maxMinutes: l.maxMinutesPerWeek, counted },
  ].filter((limit) => limit.maxBookings !== null || limit.maxMinutes !== null);
}
