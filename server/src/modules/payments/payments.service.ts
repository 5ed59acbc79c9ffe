// Starting a payment, and reading payments. Settlement (IPN, validation) is in
// payment-settlement.ts; refunds in refunds.service.ts.
import DataLoader from 'dataloader';
import { randomBytes } from 'node:crypto';
import type { Payment as PaymentRow, Prisma, Refund as RefundRow } from '../../generated/prisma/client';
import type { PaymentStatus } from '../../generated/prisma/enums';
import { DomainError } from '../../domain-error';
import { keysetConnection } from '../../shared/keyset';
import type { Db } from '../../infra/database';
import { PgError, sqlState } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import type { PaymentGateway } from '../../infra/payments/payment-gateway';
import type { BookingsService } from '../bookings/bookings.service';
import type { Viewer } from '../identity/viewer';

// Statuses in which a payment is the booking's payment of record (shown on Booking.payment).
const SETTLED: PaymentStatus[] = ['PAID', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED'];

/** Our tran_id: unique, short, safe in URLs, and sortable by time for support staff. */
export const newTranId = () => `HS${Date.now().toString(36).toUpperCase()}${randomBytes(5).toString('hex').toUpperCase()}`;

export class PaymentsService {
  constructor(
    private readonly prisma: Db,
    private readonly gateway: PaymentGateway,
    private readonly bookings: BookingsService,
    private readonly callbackBase: () => string,
    private readonly log: Logger,
  ) {}

  /**
   * Opens a gateway session for the viewer's PENDING_PAYMENT booking; a second call reuses the open one.
   * returnOrigin: the SPA origin the customer is using, where the gateway's return sends them back.
   */
  async startPayment(
    viewer: Viewer,
    bookingId: string,
    returnOrigin: string | null = null,
  ): Promise<{ payment: PaymentRow; redirectUrl: string }> {
    const booking = await this.bookings.bookingForPayment(viewer, bookingId);
    if (await this.prisma.payment.count({ where: { bookingId, status: 'HELD_FOR_REVIEW' } })) {
      throw new DomainError('CONFLICT', 'Your payment for this booking is being checked; we will tell you when it is confirmed');
    }
    const open = await this.prisma.payment.findFirst({ where: { bookingId, status: 'INITIATED' } });
    if (open) {
      if (open.returnOrigin !== returnOrigin) await this.prisma.payment.update({ where: { id: open.id }, data: { returnOrigin } });
      return this.reuse(open);
    }

    let payment: PaymentRow;
    try {
      payment = await this.prisma.payment.create({
        data: { bookingId, tranId: newTranId(), amount: booking.priceAmount, currency: booking.currency, returnOrigin },
      });
    } catch (err) {
      // A concurrent call opened it first (one INITIATED payment per booking).
      if (sqlState(err) !== PgError.uniqueViolation) throw err;
      const winner = await this.prisma.payment.findFirst({ where: { bookingId, status: 'INITIATED' } });
      if (!winner) throw err;
      return this.reuse(winner);
    }

    const base = this.callbackBase();
    const session = await this.gateway.createSession({
      tranId: payment.tranId,
      amount: payment.amount,
      currency: payment.currency,
      productName: booking.serviceTitle,
      customer: booking.customer,
      urls: {
        success: `${base}/payments/sslcommerz/success`,
        fail: `${base}/payments/sslcommerz/fail`,
        cancel: `${base}/payments/sslcommerz/cancel`,
        ipn: `${base}/payments/sslcommerz/ipn`,
      },
    });
    if (!session.ok) {
      // Nothing half-written: the payment row goes with the failed session.
      await this.prisma.payment.delete({ where: { id: payment.id } });
      this.log.warn({ bookingId, reason: session.reason }, 'payment session refused');
      throw new DomainError(
        'PAYMENT_FAILED',
        session.retryable
          ? 'The payment gateway is not answering right now; your booking is still held, try again in a minute'
          : `The payment gateway refused the payment: ${session.reason}`,
        { retryable: session.retryable },
      );
    }
    const updated = await this.prisma.payment.update({
      where: { id: payment.id },
      data: { sessionKey: session.value.sessionKey, gatewayUrl: session.value.redirectUrl },
    });
    return { payment: updated, redirectUrl: session.value.redirectUrl };
  }

  /**
   * The booking was cancelled: its open payment sessions close, so nothing more can be paid.
   * Where the gateway cannot close one (SSLCommerz), the payment stays INITIATED for
   * reconciliation, and money that still arrives is refunded (payment-settlement.ts).
   */
  async closeOpenSessions(bookingId: string): Promise<void> {
    const open = await this.prisma.payment.findMany({ where: { bookingId, status: 'INITIATED', sessionKey: { not: null } } });
    for (const payment of open) {
      const answer = await this.gateway.closeSession({ tranId: payment.tranId, sessionKey: payment.sessionKey! });
      if (!answer.ok)
        this.log.warn({ tranId: payment.tranId, reason: answer.reason }, 'payment session not closed; reconciliation will settle it');
      if (!answer.ok || !answer.value.closed) continue;
      await this.prisma.payment.updateMany({
        where: { id: payment.id, status: 'INITIATED' },
        data: { status: 'CANCELLED', failureReason: 'The booking was cancelled; its payment session is closed' },
      });
    }
  }

  async list(args: { status?: PaymentStatus[] | null; first?: number | null; after?: string | null }) {
    const where: Prisma.PaymentWhereInput = args.status?.length ? { status: { in: args.status } } : {};
    return keysetConnection(this.prisma.payment, where, 'createdAt', args);
  }

  /** The booking's payment of record: the settled one, else the open one, else the latest. */
  paymentByBookingLoader(): DataLoader<string, PaymentRow | null> {
    return new DataLoader(async (bookingIds) => {
      const rows = await this.prisma.payment.findMany({ where: { bookingId: { in: [...bookingIds] } }, orderBy: { createdAt: 'desc' } });
      const rank = (p: PaymentRow) => (SETTLED.includes(p.status) ? 0 : p.status === 'INITIATED' ? 1 : 2);
      const best = new Map<string, PaymentRow>();
      for (const p of rows) {
        const current = best.get(p.bookingId);
        if (!current || rank(p) < rank(current)) best.set(p.bookingId, p);
      }
      return bookingIds.map((id) => best.get(id) ?? null);
    });
  }

  refundsByPaymentLoader(): DataLoader<string, RefundRow[]> {
    return new DataLoader(async (paymentIds) => {
      const rows = await this.prisma.refund.findMany({ where: { paymentId: { in: [...paymentIds] } }, orderBy: { createdAt: 'asc' } });
      return paymentIds.map((id) => rows.filter((r) => r.paymentId === id));
    });
  }

  private reuse(open: PaymentRow) {
    if (!open.gatewayUrl) {
      throw new DomainError('CONFLICT', 'A payment for this booking is being started right now; try again in a moment');
    }
    return { payment: open, redirectUrl: open.gatewayUrl };
  }
}
