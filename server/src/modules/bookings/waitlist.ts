// The waitlist of a full slot. A customer joins only when the start is a real slot of the
// service that is taken (full); when a booking of it is cancelled, rejected or expires,
// the first in line is offered the freed place: a booking is made for them (a hold to pay
// for, or a request for the provider) and they are told, in one transaction with the
// entry becoming OFFERED. If they let it lapse (the hold expires) or cancel, the place is
// freed again and goes to the next.
//
// Exactly one offer per freed place: an offer is a booking insert, guarded like any other
// (exclusion constraint, seat numbers). Each offerer first claims the head of the line, one
// claim of a slot at a time (two offerers racing for one freed place must not hand it to
// the second in line); a claim whose insert finds no place left is released and keeps its
// place in line (its created_at is unchanged).
// The offer's transaction marks the entry only if it is still an unbooked claim, so one
// entry never gets two bookings.
//
// A process can die between the steps (claimed, not yet booked; or the offered booking
// cancelled or expired, not yet passed on), and an offer's hold can lapse while nothing
// frees a place. sweepOffers() closes those gaps on every sweep: claims older than any
// offer can take go back to WAITING, offers whose booking stopped holding become LAPSED
// (each by one conditional UPDATE, so one sweep wins each row), then every future slot
// with people waiting and a place free is offered to its line as above, so each freed
// place still goes to exactly one person, the next in line.
import type { Booking as BookingRow, WaitlistEntry as EntryRow } from '../../generated/prisma/client';
import { DomainError, notFound } from '../../domain-error';
import { PgError, sqlState, type Db } from '../../infra/database';
import type { AvailabilityService } from '../availability/availability.service';
import type { BookingTarget } from '../availability/slot-query';
import type { Viewer } from '../identity/viewer';
import { GUARDED_TX } from './booking-guard';

/** Makes the offered booking for the entry's customer, marking the entry in the same transaction. */
export type OfferBooking = (entry: EntryRow, target: BookingTarget) => Promise<BookingRow>;

export interface WaitlistView extends EntryRow {
  /** 1 for the first WAITING entry of its slot; null once it is no longer waiting. */
  position: number | null;
}

const MAX_OFFERS_PER_CALL = 50;
const MAX_SLOTS_PER_SWEEP = 100;
const [CLAIM_ATTEMPTS, CLAIM_RETRY_MS] = [20, 50];
/** An offer in flight ends within its transaction's wait and timeout; a claim older than that (and a margin) was abandoned. */
const STALE_CLAIM_MS = GUARDED_TX.maxWait + GUARDED_TX.timeout + 60_000;

export class Waitlist {
  private offer?: OfferBooking;

  constructor(
    private readonly prisma: Db,
    private readonly availability: AvailabilityService,
  ) {}

  /** Bookings hands in how an offer is booked (it owns the insert). */
  offersBookedBy(offer: OfferBooking): void {
    this.offer = offer;
  }

  async join(viewer: Viewer, serviceId: string, startsAt: Date): Promise<WaitlistView> {
    const target = await this.availability.bookingTarget(serviceId, startsAt);
    if (target.scheduling.userId === viewer.userId) throw new DomainError('FORBIDDEN', 'You cannot wait for your own service');
    const full = await this.availability.assertBookable(target, startsAt).then(
      () => false,
      (err: unknown) => {
        if (err instanceof DomainError && err.code === 'SLOT_UNAVAILABLE') return true;
        throw err; // not a slot at all, too soon, too far ahead: the same answer requestBooking gives
      },
    );
    if (!full) throw new DomainError('CONFLICT', 'That slot still has room; book it instead of waiting');
    try {
      const entry = await this.prisma.waitlistEntry.create({ data: { serviceId: target.service.id, customerId: viewer.userId, startsAt } });
      return this.withPosition(entry);
    } catch (err) {
      if (sqlState(err) === PgError.uniqueViolation) throw new DomainError('CONFLICT', 'You are already waiting for that slot');
      throw err;
    }
  }

  async leave(viewer: Viewer, id: string): Promise<boolean> {
    const { count } = await this.prisma.waitlistEntry.updateMany({
      where: { id, customerId: viewer.userId, status: 'WAITING' },
      data: { status: 'LEFT' },
    });
    if (!count) throw notFound('That place of yours in a waitlist');
    return true;
  }

  async mine(viewer: Viewer): Promise<WaitlistView[]> {
    const entries = await this.prisma.waitlistEntry.findMany({
      where: { customerId: viewer.userId },
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
    return Promise.all(entries.map((e) => this.withPosition(e)));
  }

  /**
   * A booking stopped holding its place (cancelled, rejected, expired): if it was an
   * offer, its entry lapsed; then the place goes to whoever is next for that slot.
   */
  async placeFreed(booking: Pick<BookingRow, 'id' | 'serviceId' | 'startsAt'>): Promise<number> {
    await this.prisma.waitlistEntry.updateMany({ where: { bookingId: booking.id, status: 'OFFERED' }, data: { status: 'LAPSED' } });
    return this.offerFreed(booking.serviceId, booking.startsAt);
  }

  /** Offers the slot's free places to the line, in order, one booking per place; returns how many were offered. */
  async offerFreed(serviceId: string, startsAt: Date): Promise<number> {
    if (!this.offer) return 0;
    let target: BookingTarget;
    try {
      target = await this.availability.bookingTarget(serviceId);
    } catch {
      return 0; // the service is gone: nothing to offer
    }
    let offered = 0;
    while (offered < MAX_OFFERS_PER_CALL) {
      const entry = await this.claimNext(serviceId, startsAt);
      if (!entry) break;
      try {
        await this.availability.assertBookable(target, startsAt);
        await this.offer(entry, target);
        offered++;
      } catch (err) {
        // No place left (or the slot is gone): the claim goes back, first in line as before.
        await this.prisma.waitlistEntry.updateMany({
          where: { id: entry.id, status: 'OFFERED', bookingId: null },
          data: { status: 'WAITING' },
        });
        if (err instanceof DomainError) break;
        throw err;
      }
    }
    return offered;
  }

  /** The crash-gap sweep (see the top of this file); returns how many offers it made. */
  async sweepOffers(now: Date = new Date()): Promise<number> {
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
    await this.prisma.$executeRaw`
      UPDATE waitlist_entry SET status = 'WAITING', updated_at = now()
      WHERE status = 'OFFERED' AND booking_id IS NULL AND updated_at < ${staleBefore}::timestamptz`;
    await this.prisma.$executeRaw`
      UPDATE waitlist_entry e SET status = 'LAPSED', updated_at = now()
      FROM booking b
      WHERE e.status = 'OFFERED' AND b.id = e.booking_id AND b.status IN ('CANCELLED', 'REJECTED', 'EXPIRED')`;
    const waited = await this.prisma.$queryRaw<{ service_id: string; starts_at: Date }[]>`
      SELECT DISTINCT w.service_id::text AS service_id, w.starts_at FROM waitlist_entry w
      WHERE w.status = 'WAITING' AND w.starts_at > ${now}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM waitlist_entry c  -- an offer being made right now: leave its slot to it
                        WHERE c.service_id = w.service_id AND c.starts_at = w.starts_at AND c.status = 'OFFERED' AND c.booking_id IS NULL)
      ORDER BY w.starts_at LIMIT ${MAX_SLOTS_PER_SWEEP}`;
    let offered = 0;
    for (const slot of waited) {
      const target = await this.availability.bookingTarget(slot.service_id, slot.starts_at).catch(() => null);
      const room =
        target &&
        (await this.availability.assertBookable(target, slot.starts_at).then(
          () => true,
          () => false,
        ));
      if (room) offered += await this.offerFreed(slot.service_id, slot.starts_at);
    }
    return offered;
  }

  /**
   * Claims the slot's first WAITING entry, unless an offer of that slot is in flight
   * (claimed, not yet booked): claims of one slot take turns under an advisory lock, so
   * the place goes to the head of the line and never to whoever claimed second. While
   * another offer is in flight it waits for that one to end, a few times, then leaves the
   * slot to it (and to the sweep).
   */
  private async claimNext(serviceId: string, startsAt: Date): Promise<EntryRow | null> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const claimed = await this.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`waitlist:${serviceId}@${startsAt.toISOString()}`}))`;
        const [inFlight] = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM waitlist_entry
          WHERE service_id = ${serviceId}::uuid AND starts_at = ${startsAt}::timestamptz AND status = 'OFFERED' AND booking_id IS NULL`;
        if (inFlight!.n > 0) return 'busy' as const;
        const [row] = await tx.$queryRaw<{ id: string }[]>`
          UPDATE waitlist_entry SET status = 'OFFERED', updated_at = now()
          WHERE id = (SELECT id FROM waitlist_entry
                      WHERE service_id = ${serviceId}::uuid AND starts_at = ${startsAt}::timestamptz AND status = 'WAITING'
                      ORDER BY created_at, id LIMIT 1 FOR UPDATE)
          RETURNING id::text AS id`;
        return row?.id ?? null;
      });
      if (claimed === null) return null;
      if (claimed !== 'busy') return this.prisma.waitlistEntry.findUnique({ where: { id: claimed } });
      await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS));
    }
    return null;
  }

  private async withPosition(entry: EntryRow): Promise<WaitlistView> {
    if (entry.status !== 'WAITING') return { ...entry, position: null };
    const ahead = await this.prisma.waitlistEntry.count({
      where: { serviceId: entry.serviceId, startsAt: entry.startsAt, status: 'WAITING', createdAt: { lt: entry.createdAt } },
    });
    return { ...entry, position: ahead + 1 };
  }
}
