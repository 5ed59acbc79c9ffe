// Small pieces every booking write shares: where a booking ends and stops blocking, the
// insert itself, and what to do when PostgreSQL picks it as a deadlock victim.
import { Prisma, type Booking as BookingRow } from '../../generated/prisma/client';
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

/** What a new booking is written with; the rest takes the table's defaults (no reschedules, created now). */
export type NewBooking = Pick<
  BookingRow,
  | 'id'
  | 'serviceId'
  | 'providerId'
  | 'customerId'
  | 'startsAt'
  | 'endsAt'
  | 'blockedFrom'
  | 'blockedUntil'
  | 'status'
  | 'priceAmount'
  | 'currency'
  | 'notes'
  | 'holdExpiresAt'
  | 'answerBy'
  | 'idempotencyKey'
> &
  Partial<Pick<BookingRow, 'seatGroup' | 'seatNumber' | 'seatCapacity'>>;

/**
 * The INSERT of a booking, hand-written: Prisma's `booking.create` compiled its query in WASM
 * on every call, about a tenth of a booking's CPU under load (bench/README.md, "Bookings").
 * The constraints answer as they would for Prisma (sqlState reads the SQLSTATE from either).
 */
export function bookingInsert(b: NewBooking): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO booking (id, service_id, provider_id, customer_id, starts_at, ends_at, blocked_from, blocked_until,
                         seat_group, seat_number, seat_capacity, status, price_amount, currency, notes,
                         hold_expires_at, answer_by, idempotency_key)
    VALUES (${b.id}::uuid, ${b.serviceId}::uuid, ${b.providerId}::uuid, ${b.customerId}::uuid, ${b.startsAt}, ${b.endsAt},
            ${b.blockedFrom}, ${b.blockedUntil}, ${b.seatGroup ?? null}, ${b.seatNumber ?? null}::int, ${b.seatCapacity ?? null}::int,
            ${b.status}::"BookingStatus", ${b.priceAmount}::int, ${b.currency}, ${b.notes}, ${b.holdExpiresAt}, ${b.answerBy},
            ${b.idempotencyKey})
    RETURNING id::text AS id, service_id::text AS "serviceId", provider_id::text AS "providerId",
              customer_id::text AS "customerId", starts_at AS "startsAt", ends_at AS "endsAt",
              blocked_until AS "blockedUntil", blocked_from AS "blockedFrom", seat_group AS "seatGroup",
              seat_number AS "seatNumber", seat_capacity AS "seatCapacity", reschedule_count AS "rescheduleCount",
              status::text AS status, price_amount AS "priceAmount", currency, notes, hold_expires_at AS "holdExpiresAt",
              answer_by AS "answerBy", idempotency_key AS "idempotencyKey", cancellation_reason AS "cancellationReason",
              cancelled_by::text AS "cancelledBy", refund_due_amount AS "refundDueAmount", created_at AS "createdAt",
              updated_at AS "updatedAt"`;
}

/** Inserts a booking in the caller's transaction. */
export async function insertBooking(tx: Prisma.TransactionClient, b: NewBooking): Promise<BookingRow> {
  const [row] = await tx.$queryRaw<BookingRow[]>(bookingInsert(b));
  return row!;
}
