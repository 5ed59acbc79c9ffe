// The jobs under the refunds that follow an event or a step: a crash between a commit and
// the step after it must not strand money. Both page through everything in their window
// (keyset on id), so a backlog of handled rows cannot hide a missed one, and both run the
// same idempotent, row-locked refunds as the steps they back up.
//
// - A paid cancellation whose due refund is not fully issued: issue the rest.
// - A paid payment that governs no confirmed booking (the booking expired, was cancelled
//   or rejected before the money arrived, or another payment already paid for it): refund
//   all that remains.
import type { Payment as PaymentRow } from '../../generated/prisma/client';
import type { BookingStatus, PaymentStatus } from '../../generated/prisma/enums';
import type { Db } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import type { BookingsService } from '../bookings/bookings.service';
import type { RefundsService } from './refunds.service';

const PAGE = 200;
// Statuses in which a payment still holds money that may have to go back.
const HOLDS_MONEY: PaymentStatus[] = ['PAID', 'PARTIALLY_REFUNDED', 'REFUND_PENDING'];
const KEPT: BookingStatus[] = ['CONFIRMED', 'COMPLETED'];
export const STRANDED_REASON = 'The payment arrived for a booking it could not confirm';

type BookingsPort = Pick<BookingsService, 'bookingLoader' | 'cancelledWithRefundDue'>;

export class RefundSafetyNet {
  constructor(
    private readonly prisma: Db,
    private readonly refunds: RefundsService,
    private readonly bookings: BookingsPort,
    private readonly log: Logger,
  ) {}

  /** Paid cancellations since `since` whose refund is not fully issued get the rest. */
  async refundMissedCancellations(since: Date): Promise<void> {
    for (let after: string | null = null; ;) {
      const page = await this.bookings.cancelledWithRefundDue(since, { after, take: PAGE });
      for (const b of page) {
        await this.refunds
          .refundCancellation({ bookingId: b.id, refundDue: b.refundDueAmount, reason: b.cancellationReason })
          .catch((err: unknown) => this.log.error({ err, bookingId: b.id }, 'cancellation refund could not be requested'));
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  /** Payments paid since `since` that govern no kept booking are refunded in full. */
  async refundStrandedPayments(since = new Date(Date.now() - 7 * 24 * 3_600_000)): Promise<void> {
    for (let after: string | null = null; ;) {
      const page: PaymentRow[] = await this.prisma.payment.findMany({
        where: { status: { in: HOLDS_MONEY }, paidAt: { gte: since }, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: 'asc' },
        take: PAGE,
      });
      for (const payment of await this.stranded(page)) {
        await this.refunds
          .request(payment, null, STRANDED_REASON, { kind: 'UNCONFIRMED', upToRemaining: true })
          .catch((err: unknown) => this.log.error({ err, paymentId: payment.id }, 'stranded payment could not be refunded'));
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * A payment is kept when it is its booking's payment of record (the first paid) and the
   * booking is confirmed, completed, or a paid cancellation (whose policy decides).
   */
  private async stranded(page: PaymentRow[]): Promise<PaymentRow[]> {
    const bookingIds = [...new Set(page.map((p) => p.bookingId))];
    const bookings = await this.bookings.bookingLoader().loadMany(bookingIds);
    const byId = new Map(bookings.flatMap((b) => (b && !(b instanceof Error) ? [[b.id, b] as const] : [])));
    const firstPaid = new Map<string, string>();
    const paid = await this.prisma.payment.findMany({
      where: { bookingId: { in: bookingIds }, paidAt: { not: null } },
      orderBy: [{ paidAt: 'asc' }, { id: 'asc' }],
      select: { id: true, bookingId: true },
    });
    for (const p of paid) if (!firstPaid.has(p.bookingId)) firstPaid.set(p.bookingId, p.id);
    return page.filter((p) => {
      const booking = byId.get(p.bookingId);
      if (!booking) return false; // cannot tell; leave it to a person
      const paidCancellation = booking.status === 'CANCELLED' && booking.refundDueAmount !== null;
      return firstPaid.get(p.bookingId) !== p.id || !(KEPT.includes(booking.status) || paidCancellation);
    });
  }
}
