// Small pieces every booking write shares: where a booking ends and stops blocking, and
// what to do when PostgreSQL picks it as a deadlock victim.
import { sqlState } from '../../infra/database';
import type { BookingTarget } from '../availability/slot-query';

const MS_PER_MINUTE = 60_000;
export const DEADLOCK_DETECTED = '40P01';

/**
 * Two transactions writing overlapping bookings at once each wait for the other's
 * outcome before the exclusion constraint can decide, and PostgreSQL breaks the cycle
 * by aborting one with 40P01 (after deadlock_timeout). Trying the victim's statement
 * again lets the constraint give its real answer: success, or 23P01 if the other won.
 */
export async function onDeadlockRetry<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (sqlState(err) !== DEADLOCK_DETECTED || attempt >= attempts) throw err;
    }
  }
}

/**
 * Interactive transactions of booking writes wait for a pool connection as long as a plain
 * statement would: Prisma's default 2 s maxWait fails requests under a burst (100 customers
 * racing for a slot) with an error instead of the constraint's answer.
 */
export const BOOKING_TX = { maxWait: 15_000, timeout: 15_000 } as const;

/** endsAt, and the blocked time around it (the service's buffers before and after) of a booking starting at startsAt. */
export function bookingTimes(target: BookingTarget, startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + target.service.durationMinutes * MS_PER_MINUTE);
  const before = target.policy.bufferBeforeMinutes;
  return {
    endsAt,
    blockedFrom: before > 0 ? new Date(startsAt.getTime() - before * MS_PER_MINUTE) : null,
    blockedUntil: new Date(endsAt.getTime() + target.service.bufferMinutes * MS_PER_MINUTE),
  };
}
