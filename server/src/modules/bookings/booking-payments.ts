// What the payments module asks of bookings: may this viewer pay for this booking now
// (and what it costs), and "the money arrived: confirm it" inside payments' own
// transaction.
import type { Booking as BookingRow, Prisma } from '../../generated/prisma/client';
import { DomainError, notFound } from '../../domain-error';
import { PgError, sqlState } from '../../infra/database';
import type { DomainEventBus } from '../../infra/domain-events';
import type { AvailabilityService } from '../availability/availability.service';
import type { SchedulingCatalog } from '../availability/catalog-port';
import type { UsersService } from '../identity/users.service';
import type { Viewer } from '../identity/viewer';
import type { BookingQueries } from './booking-queries';

export interface BookingForPayment {
  id: string;
  status: BookingRow['status'];
  priceAmount: number;
  currency: string;
  holdExpiresAt: Date;
  startsAt: Date;
  serviceTitle: string;
  customer: { name: string; email: string; phone: string | null };
}

// 'ended': a person cancelled or rejected the booking; money arriving later never revives it.
export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'not-holdable' | 'ended';

export class BookingPayments {
  constructor(
    private readonly queries: BookingQueries,
    private readonly catalog: SchedulingCatalog,
    private readonly users: UsersService,
    private readonly availability: AvailabilityService,
    private readonly events: DomainEventBus,
    private readonly now: () => Date,
  ) {}

  async bookingForPayment(viewer: Viewer, bookingId: string): Promise<BookingForPayment> {
    const booking = await this.queries.find(bookingId);
    if (!booking) throw notFound('That booking');
    if (booking.customerId !== viewer.userId) throw new DomainError('FORBIDDEN', 'Only the customer who booked can pay for this booking');
    if (booking.status !== 'PENDING_PAYMENT') {
      throw new DomainError('INVALID_TRANSITION', `Only a booking awaiting payment can be paid; this one is ${booking.status}`);
    }
    if (!booking.holdExpiresAt || booking.holdExpiresAt <= this.now()) {
      throw new DomainError('INVALID_TRANSITION', 'The hold on this slot has expired; book it again');
    }
    const [service, customer] = await Promise.all([this.catalog.serviceForBooking(booking.serviceId), this.users.me(viewer)]);
    return {
      id: booking.id,
      status: booking.status,
      priceAmount: booking.priceAmount,
      currency: booking.currency,
      holdExpiresAt: booking.holdExpiresAt,
      startsAt: booking.startsAt,
      serviceTitle: service?.title ?? 'HomeSer booking',
      customer: { name: customer.name, email: customer.email, phone: customer.phone },
    };
  }

  /**
   * Inside the caller's interactive transaction: PENDING_PAYMENT → CONFIRMED (even when
   * the hold has just run out, as long as the sweep has not expired it). An EXPIRED booking
   * whose start is still ahead re-takes its slot if it is free; a CANCELLED or REJECTED one
   * stays as a person left it ('ended').
   *
   * The row is locked first (FOR UPDATE), so the sweep or a cancellation waits for the
   * caller's commit instead of racing it. The re-take runs under a SAVEPOINT: when the
   * slot is gone, the exclusion constraint's 23P01 would abort the whole transaction,
   * so it is rolled back to the savepoint and 'not-holdable' returned; the caller's
   * transaction stays usable (it can still record the payment and then refund it).
   * After the caller commits a 'confirmed', it should call confirmedAfterCommit.
   */
  async confirmPaid(tx: Prisma.TransactionClient, bookingId: string): Promise<ConfirmOutcome> {
    const [locked] = await tx.$queryRaw<{ status: BookingRow['status']; starts_at: Date }[]>`
      SELECT status, starts_at FROM booking WHERE id = ${bookingId}::uuid FOR UPDATE`;
    if (!locked) return 'not-holdable';
    switch (locked.status) {
      case 'CONFIRMED':
      case 'COMPLETED':
        return 'already-confirmed';
      case 'PENDING_PAYMENT':
        await tx.booking.update({ where: { id: bookingId }, data: { status: 'CONFIRMED', holdExpiresAt: null } });
        return 'confirmed';
      case 'EXPIRED':
        return locked.starts_at > this.now() ? this.retake(tx, bookingId) : 'not-holdable';
      case 'CANCELLED':
      case 'REJECTED':
        return 'ended';
      default:
        return 'not-holdable'; // REQUESTED: never offered for payment
    }
  }

  /** After the payment transaction commits: tells listeners and refreshes slot caches. */
  async confirmedAfterCommit(bookingId: string): Promise<void> {
    const booking = await this.queries.find(bookingId);
    if (booking?.status !== 'CONFIRMED') return;
    await this.availability.providerChanged(booking.providerId);
    this.events.emit('booking.confirmed', { bookingId });
  }

  private async retake(tx: Prisma.TransactionClient, bookingId: string): Promise<ConfirmOutcome> {
    await tx.$executeRaw`SAVEPOINT confirm_paid_retake`;
    try {
      await tx.booking.update({
        where: { id: bookingId },
        data: { status: 'CONFIRMED', holdExpiresAt: null },
      });
      await tx.$executeRaw`RELEASE SAVEPOINT confirm_paid_retake`;
      return 'confirmed';
    } catch (err) {
      if (sqlState(err) !== PgError.exclusionViolation) throw err;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT confirm_paid_retake`;
      return 'not-holdable';
    }
  }
}
