// The insert of a booking that seats or limits apply to, in one transaction under the
// provider's advisory lock: count the day's and week's bookings (limits), pick the lowest
// free seat (seats), insert. A reschedule counts and picks the same way under the same
// lock, in the transaction of its UPDATE. The lock makes counting and picking race-free among inserts;
// the database still guards the outcome on its own (booking_one_per_seat: a seat number
// has one holding booking; booking_seat: numbers lie in 1..capacity; booking_no_overlap:
// other times and services), so a writer that skipped the lock could not oversell either.
import { DateTime } from 'luxon';
import type { Booking as BookingRow, Prisma } from '../../generated/prisma/client';
import { limitReached, slotTaken } from '../availability/availability.service';
import { seatGroupOf } from '../availability/bookings-port';
import type { BookingLimits } from '../availability/scheduling-policy';
import { usesLimits, type BookingTarget } from '../availability/slot-query';
import { insertBooking, type NewBooking } from './booking-writes';

type Tx = Prisma.TransactionClient;

// Inserts of one provider queue on the lock: a burst of 100 may wait many seconds, which
// is not an error (a shorter transaction timeout would make it one).
export const GUARDED_TX = { maxWait: 30_000, timeout: 30_000 } as const;

interface Totals {
  day_n: number;
  day_min: number;
  week_n: number;
  week_min: number;
}

export const isGuarded = (t: BookingTarget) => t.policy.capacity > 1 || usesLimits(t);

/** Inserts `data` (a booking of target) in the caller's transaction if a seat and the limits allow it; SLOT_UNAVAILABLE otherwise. */
export async function guardedCreate(tx: Tx, target: BookingTarget, data: NewBooking): Promise<BookingRow> {
  const { startsAt } = data;
  await lockProvider(tx, target);
  if (usesLimits(target)) await assertWithinLimits(tx, target, startsAt);
  if (target.policy.capacity <= 1) return insertBooking(tx, data);
  const seatGroup = seatGroupOf(target.service.id, startsAt);
  const seat = await lowestFreeSeat(tx, seatGroup, target.policy.capacity);
  if (seat === null) throw slotTaken();
  return insertBooking(tx, { ...data, seatGroup, seatNumber: seat, seatCapacity: target.policy.capacity });
}

/**
 * Before `booking` moves to startsAt, in the caller's transaction (the one that updates it):
 * under the same lock as inserts, the day and week it moves into must stay within the limits
 * without counting the booking itself, and a seat of a group session takes the lowest free
 * seat of the session it moves into (its old seat is freed by the same UPDATE). Returns the
 * seat columns for that UPDATE; SLOT_UNAVAILABLE when the session is full.
 */
export async function guardMove(
  tx: Tx,
  target: BookingTarget,
  booking: Pick<BookingRow, 'id' | 'seatGroup'>,
  startsAt: Date,
): Promise<Prisma.BookingUpdateManyMutationInput> {
  await lockProvider(tx, target);
  if (usesLimits(target)) await assertWithinLimits(tx, target, startsAt, booking.id);
  if (target.policy.capacity <= 1) return {};
  const seatGroup = seatGroupOf(target.service.id, startsAt);
  if (seatGroup === booking.seatGroup) return {};
  const seat = await lowestFreeSeat(tx, seatGroup, target.policy.capacity);
  if (seat === null) throw slotTaken();
  return { seatGroup, seatNumber: seat, seatCapacity: target.policy.capacity };
}

/** Inserts and moves of one provider's guarded bookings take turns (released at commit). */
const lockProvider = (tx: Tx, target: BookingTarget) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking-guard:${target.scheduling.id}`}))`;

async function lowestFreeSeat(tx: Tx, seatGroup: string, capacity: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ seat: number | null }[]>`
    SELECT min(n)::int AS seat FROM generate_series(1, ${capacity}::int) AS n
    WHERE n NOT IN (SELECT seat_number FROM booking
                    WHERE seat_group = ${seatGroup} AND status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'))`;
  return row?.seat ?? null;
}

/** The provider's and the service's bookings on the start's local day and week, one more included, within their limits. */
async function assertWithinLimits(tx: Tx, target: BookingTarget, startsAt: Date, ignoreBookingId: string | null = null): Promise<void> {
  const local = DateTime.fromJSDate(startsAt, { zone: target.scheduling.timeZone });
  const [day, week] = [local.startOf('day'), local.startOf('week')]; // Luxon's weeks start on Monday
  const [dayFrom, dayTo, weekFrom, weekTo] = [day, day.plus({ days: 1 }), week, week.plus({ weeks: 1 })].map((d) => d.toJSDate());
  const totals = (serviceId: string | null) => tx.$queryRaw<Totals[]>`
    SELECT count(*) FILTER (WHERE starts_at >= ${dayFrom}::timestamptz AND starts_at < ${dayTo}::timestamptz)::int AS day_n,
           coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60)
             FILTER (WHERE starts_at >= ${dayFrom}::timestamptz AND starts_at < ${dayTo}::timestamptz), 0)::int AS day_min,
           count(*)::int AS week_n,
           coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::int AS week_min
    FROM booking
    WHERE provider_id = ${target.scheduling.id}::uuid
      AND (${serviceId}::uuid IS NULL OR service_id = ${serviceId}::uuid)
      AND (${ignoreBookingId}::uuid IS NULL OR id <> ${ignoreBookingId}::uuid)
      AND status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED')
      AND starts_at >= ${weekFrom}::timestamptz AND starts_at < ${weekTo}::timestamptz`;
  const minutes = target.service.durationMinutes;
  const [[service], [provider]] = await Promise.all([totals(target.service.id), totals(null)]);
  if (!fits(service!, target.policy, minutes) || !fits(provider!, target.providerLimits, minutes)) throw limitReached();
}

function fits(t: Totals, l: BookingLimits, minutes: number): boolean {
  const within = (limit: number | null, value: number) => limit === null || value <= limit;
  return (
    within(l.maxBookingsPerDay, t.day_n + 1) &&
    within(l.maxMinutesPerDay, t.day_min + minutes) &&
    within(l.maxBookingsPerWeek, t.week_n + 1) &&
    within(l.maxMinutesPerWeek, t.week_min + minutes)
  );
}
