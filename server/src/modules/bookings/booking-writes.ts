// Small pieces every booking write shares: where a booking ends and stops blocking, and
// what to do when PostgreSQL picks it as a deadlock victim.
import { sqlState } from '../../infra/database';

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

/** endsAt and blockedUntil (end + the service's buffer) of a booking starting at startsAt. */
export function bookingTimes(service: { durationMinutes: number; bufferMinutes: number }, startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * MS_PER_MINUTE);
  return { endsAt, blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * MS_PER_MINUTE) };
}
