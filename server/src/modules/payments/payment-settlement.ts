// Turning gateway callbacks into state. A payment is PAID only after the gateway's own
// validation API confirms the val_id with our tran_id, amount and currency; the IPN's
// signature is checked first. Settling twice changes nothing.
//
// Steps: verify signature → find payment → validate with the gateway → (risk_level 1: hold
// for review, stop) → one transaction: payment PAID + booking CONFIRMED → (slot lost, or a
// person ended the booking: refund in full at once) → notify. A crash before the refund is
// repaired by RefundSafetyNet.refundStrandedPayments.
import type { Payment as PaymentRow, Prisma } from '../../generated/prisma/client';
import type { PaymentStatus } from '../../generated/prisma/enums';
import { DomainError, notFound } from '../../domain-error';
import type { Db } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import type { PaymentGateway } from '../../infra/payments/payment-gateway';
import type { BookingsService } from '../bookings/bookings.service';
import type { PaymentNotices } from './payment-notices';
import type { RefundsService } from './refunds.service';

export type Settlement =
  | { outcome: 'paid' | 'paid-and-refunded' | 'held' | 'already-settled' | 'failed' | 'cancelled'; payment: PaymentRow }
  | { outcome: 'rejected'; reason: string; payment?: PaymentRow };

const VALID = new Set(['VALID', 'VALIDATED']);
const UNSETTLED: PaymentStatus[] = ['INITIATED', 'FAILED', 'CANCELLED'];
const REFUND_REASON = {
  'not-holdable': 'The time slot was no longer available when the payment arrived',
  ended: 'The booking had been cancelled or declined when the payment arrived',
} as const;

export class PaymentSettlement {
  constructor(
    private readonly prisma: Db,
    private readonly gateway: PaymentGateway,
    private readonly bookings: BookingsService,
    private readonly refunds: RefundsService,
    private readonly notices: PaymentNotices,
    private readonly log: Logger,
  ) {}

  /** The IPN: form fields signed with our store password. */
  async fromIpn(fields: Record<string, string>): Promise<Settlement> {
    if (!this.gateway.verifyIpn(fields)) return this.reject('verify_sign does not match', fields.tran_id);
    const status = (fields.status ?? '').toUpperCase();
    if (status === 'FAILED' || status === 'CANCELLED')
      return this.markUnpaid(fields.tran_id ?? '', status === 'FAILED' ? 'FAILED' : 'CANCELLED');
    if (!VALID.has(status)) return this.reject(`IPN status ${status || '(none)'} is not a payment`, fields.tran_id);
    return this.settle(fields.tran_id ?? '', fields.val_id ?? '');
  }

  /** Asks the validation API about val_id and, when it vouches for our payment, settles it. */
  async settle(tranId: string, valId: string): Promise<Settlement> {
    const payment = await this.prisma.payment.findUnique({ where: { tranId } });
    if (!payment) return this.reject('unknown tran_id', tranId);
    if (!UNSETTLED.includes(payment.status)) return { outcome: 'already-settled', payment };
    if (!valId) return this.reject('no val_id', tranId, payment);
    const answer = await this.gateway.validate(valId);
    if (!answer.ok) return this.reject(`validation failed: ${answer.reason}`, tranId, payment);
    const v = answer.value;
    if (!VALID.has(v.status)) return this.reject(`validation status ${v.status}`, tranId, payment);
    if (v.tranId !== payment.tranId) return this.reject(`validation is for tran_id ${v.tranId}`, tranId, payment);
    if (v.amount !== payment.amount || v.currency !== payment.currency) {
      return this.reject(`validation amount ${v.amount} ${v.currency} differs from ${payment.amount} ${payment.currency}`, tranId, payment);
    }

    const gatewayFacts = { valId: v.valId, bankTranId: v.bankTranId, method: v.method, failureReason: null };
    if (v.riskLevel !== 0) return this.holdForReview(payment, { ...gatewayFacts, heldReason: v.riskTitle ?? `risk_level ${v.riskLevel}` });
    return this.recordPaid(payment, UNSETTLED, gatewayFacts);
  }

  /** Admin: a payment held for review is good after all; settle it as if it had just arrived. */
  async confirmHeld(paymentId: string): Promise<PaymentRow> {
    const payment = await this.prisma.payment.findUnique({ where: { id: paymentId } });
    if (!payment) throw notFound('That payment');
    if (payment.status !== 'HELD_FOR_REVIEW') {
      throw new DomainError('INVALID_TRANSITION', `Only a payment held for review can be confirmed; this one is ${payment.status}`);
    }
    const settled = await this.recordPaid(payment, ['HELD_FOR_REVIEW'], { heldReason: null });
    if (settled.outcome === 'already-settled') throw new DomainError('INVALID_TRANSITION', 'This payment changed meanwhile; reload it');
    return settled.payment!;
  }

  /**
   * One transaction: the payment becomes PAID (only from `from`, so twice changes nothing)
   * and the booking is confirmed; money that cannot confirm it goes back in full.
   */
  private async recordPaid(payment: PaymentRow, from: PaymentStatus[], data: Prisma.PaymentUpdateManyMutationInput): Promise<Settlement> {
    const result = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.payment.updateMany({
        where: { id: payment.id, status: { in: from } },
        data: { ...data, status: 'PAID', paidAt: new Date() },
      });
      if (claimed.count === 0) return 'already-settled' as const;
      return this.bookings.confirmPaid(tx, payment.bookingId);
    });
    const paid = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    if (result === 'already-settled') return { outcome: 'already-settled', payment: paid };
    if (result === 'not-holdable' || result === 'ended') {
      this.log.warn({ tranId: paid.tranId, bookingId: paid.bookingId, result }, 'paid booking could not be confirmed; refunding');
      await this.refunds.request(paid, null, REFUND_REASON[result], { kind: 'UNCONFIRMED', upToRemaining: true });
      await (result === 'ended' ? this.notices.paidAfterBookingEnded(paid) : this.notices.paidButSlotLost(paid));
      return { outcome: 'paid-and-refunded', payment: await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } }) };
    }
    if (result === 'confirmed') await this.bookings.confirmedAfterCommit(payment.bookingId);
    await this.notices.paid(paid);
    return { outcome: 'paid', payment: paid };
  }

  /** The gateway took the money but flagged a risk: nothing is confirmed until an admin decides. */
  private async holdForReview(payment: PaymentRow, data: Prisma.PaymentUpdateManyMutationInput): Promise<Settlement> {
    const { count } = await this.prisma.payment.updateMany({
      where: { id: payment.id, status: { in: UNSETTLED } },
      data: { ...data, status: 'HELD_FOR_REVIEW' },
    });
    const held = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    if (count === 0) return { outcome: 'already-settled', payment: held };
    this.log.warn({ tranId: held.tranId, heldReason: held.heldReason }, 'payment held for review');
    await this.notices.heldForReview(held);
    return { outcome: 'held', payment: held };
  }

  /** The booking a tran_id pays for, to send the customer back to it. */
  /** The booking a payment is for, and the SPA origin its customer paid from (null: unknown). */
  async bookingOf(tranId: string | undefined): Promise<{ bookingId: string; returnOrigin: string | null } | null> {
    if (!tranId) return null;
    return this.prisma.payment.findUnique({ where: { tranId }, select: { bookingId: true, returnOrigin: true } });
  }

  private async markUnpaid(tranId: string, status: 'FAILED' | 'CANCELLED'): Promise<Settlement> {
    const payment = await this.prisma.payment.findUnique({ where: { tranId } });
    if (!payment) return this.reject('unknown tran_id', tranId);
    const { count } = await this.prisma.payment.updateMany({
      where: { id: payment.id, status: 'INITIATED' },
      data: {
        status,
        failureReason: status === 'FAILED' ? 'The gateway reported the payment failed' : 'The customer cancelled at the gateway',
      },
    });
    const now = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    if (count === 0) return { outcome: 'already-settled', payment: now };
    if (status === 'FAILED') await this.notices.failed(now);
    return { outcome: status === 'FAILED' ? 'failed' : 'cancelled', payment: now };
  }

  private reject(reason: string, tranId: string | undefined, payment?: PaymentRow): Settlement {
    this.log.warn({ tranId, reason }, 'payment callback rejected');
    return { outcome: 'rejected', reason, payment };
  }
}
