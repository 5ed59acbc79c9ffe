// Holds that ran out: PENDING_PAYMENT past holdExpiresAt, REQUESTED past answerBy or its
// start. The sweep reads the overdue bookings, prepares their notices (both parties), then
// in one transaction a conditional UPDATE ... RETURNING expires those still overdue and
// writes the notices of exactly the rows it expired. Any number of instances may sweep at
// once: PostgreSQL re-checks the WHERE on a row another sweep just changed (READ
// COMMITTED), so each booking expires, and is told of, exactly once. Expiry frees the
// slot; the booking trigger publishes the change.
// Before that, the reminders: customers whose hold runs out within holdWarningMinutes, and
// both parties of a confirmed booking starting within reminderHours, each told once
// (the notices' dedupe keys), checked under FOR SHARE so a payment or cancellation
// committing meanwhile is seen.
import { Prisma, type Booking as BookingRow } from '../../generated/prisma/client';
import type { Db } from '../../infra/database';
import type { Job } from '../../infra/scheduler';
import type { AvailabilityService } from '../availability/availability.service';
import type { BookingNotices, NoticeBooking } from './booking-notices';
import { BOOKING_TX } from './booking-writes';

const BATCH = 200;
const MS_PER_MINUTE = 60_000;

export interface SweepTimes {
  sweepSeconds: number;
  holdWarningMinutes: number;
  reminderHours: number;
}

export class ExpirySweep {
  private placeFreed: (booking: BookingRow) => Promise<unknown> = async () => undefined;

  /** Called with each booking the sweep expired (the waitlist offers its place on). */
  onPlaceFreed(listener: (booking: BookingRow) => Promise<unknown>): void {
    this.placeFreed = listener;
  }

  constructor(
    private readonly prisma: Db,
    private readonly availability: AvailabilityService,
    private readonly notices: BookingNotices,
    private readonly times: SweepTimes,
  ) {}

  /** Expires what is overdue at `now`; returns the ids it expired. */
  async expireOverdue(now: Date = new Date()): Promise<string[]> {
    const overdue = await this.prisma.booking.findMany({
      where: {
        OR: [
          { status: 'PENDING_PAYMENT', holdExpiresAt: { lt: now } },
          { status: 'REQUESTED', OR: [{ answerBy: { lt: now } }, { startsAt: { lte: now } }] },
        ],
      },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    if (!overdue.length) return [];
    const notices = await this.notices.deliver(...overdue.map((b) => this.notices.expired(b)));
    const ids = `{${overdue.map((b) => b.id).join(',')}}`;
    const expired = await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; provider_id: string }[]>`
        UPDATE booking SET status = 'EXPIRED', updated_at = now()
        WHERE id = ANY(${ids}::uuid[])
          AND ((status = 'PENDING_PAYMENT' AND hold_expires_at < ${now}::timestamptz)
            OR (status = 'REQUESTED' AND (answer_by < ${now}::timestamptz OR starts_at <= ${now}::timestamptz)))
        RETURNING id::text AS id, provider_id::text AS provider_id`;
      const won = new Set(rows.map((r) => r.id));
      await notices.write(tx, (note) => won.has(note.bookingId ?? ''));
      return rows;
    }, BOOKING_TX);
    if (expired.length) await this.availability.providerChanged(...expired.map((b) => b.provider_id));
    const won = new Set(expired.map((b) => b.id));
    for (const booking of overdue.filter((b) => won.has(b.id))) await this.placeFreed(booking);
    return expired.map((b) => b.id);
  }

  /** Hold warnings and day-before reminders due at `now`; returns how many bookings were told. */
  async remindDue(now: Date = new Date()): Promise<number> {
    const warnBy = new Date(now.getTime() + this.times.holdWarningMinutes * MS_PER_MINUTE);
    const remindBy = new Date(now.getTime() + this.times.reminderHours * 60 * MS_PER_MINUTE);
    const [expiring, upcoming] = await Promise.all([
      // No limit: those already told are skipped by their dedupe keys, and a limit would keep
      // the ones after them waiting for ever.
      this.prisma.booking.findMany({ where: { status: 'PENDING_PAYMENT', holdExpiresAt: { gt: now, lte: warnBy } } }),
      this.prisma.booking.findMany({ where: { status: 'CONFIRMED', startsAt: { gt: now, lte: remindBy } } }),
    ]);
    const told = await Promise.all([
      this.tellOnce(expiring, (b) => this.notices.holdExpiring(b), 'PENDING_PAYMENT', 'hold_expires_at'),
      this.tellOnce(upcoming, (b) => this.notices.reminder(b), 'CONFIRMED', 'starts_at'),
    ]);
    return told[0] + told[1];
  }

  /** Writes the notices of the bookings still in `status` with the same instant, under FOR SHARE. */
  private async tellOnce(
    bookings: BookingRow[],
    notesOf: (b: NoticeBooking) => ReturnType<BookingNotices['reminder']>,
    status: 'PENDING_PAYMENT' | 'CONFIRMED',
    instant: 'hold_expires_at' | 'starts_at',
  ): Promise<number> {
    if (!bookings.length) return 0;
    const notices = await this.notices.deliver(...bookings.map(notesOf));
    if (!notices.notes.length) return 0;
    const due = [...new Set(notices.notes.map((n) => n.bookingId!))];
    const byId = new Map(bookings.map((b) => [b.id, b]));
    return this.prisma.$transaction(async (tx) => {
      const pairs = due.map(
        (id) =>
          Prisma.sql`(${id}::uuid, ${(instant === 'starts_at' ? byId.get(id)!.startsAt : byId.get(id)!.holdExpiresAt)!}::timestamptz)`,
      );
      const still = await tx.$queryRaw<{ id: string }[]>`
        SELECT b.id::text AS id FROM booking b JOIN (VALUES ${Prisma.join(pairs)}) AS w(id, at) ON w.id = b.id
        WHERE b.status = ${status}::"BookingStatus" AND b.${Prisma.raw(instant)} = w.at
        FOR SHARE OF b`;
      const current = new Set(still.map((r) => r.id));
      await notices.write(tx, (note) => current.has(note.bookingId ?? ''));
      return current.size;
    }, BOOKING_TX);
  }

  jobs(): Job[] {
    const everyMs = this.times.sweepSeconds * 1000;
    return [
      { name: 'bookings.expire-overdue', everyMs, run: () => this.expireOverdue() },
      { name: 'bookings.remind', everyMs, run: () => this.remindDue() },
    ];
  }
}
