// Refunds: recorded first (so no amount can be refunded twice), then asked of the gateway,
// then polled with the refund query API until final. The payment's status and
// refunded amount always follow from its refunds (settleStatus).
import type { Payment as PaymentRow, Refund as RefundRow } from '../../generated/prisma/client';
import type { PaymentStatus, RefundKind } from '../../generated/prisma/enums';
import { DomainError, notFound } from '../../domain-error';
import type { Db } from '../../infra/database';
import type { DomainEvents } from '../../infra/domain-events';
import type { Logger } from '../../infra/logger';
import type { PaymentGateway } from '../../infra/payments/payment-gateway';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
type LockedPayment = PaymentRow & { refunds: RefundRow[] };
export const REFUNDABLE: PaymentStatus[] = ['PAID', 'REFUND_PENDING', 'PARTIALLY_REFUNDED', 'HELD_FOR_REVIEW'];
const RETRY_PENDING_AFTER_MS = 30_000;

export interface RefundListener {
  refunded(payment: PaymentRow, refund: RefundRow): Promise<void>;
}

const live = (r: RefundRow) => r.status !== 'FAILED';
const total = (refunds: RefundRow[]) => refunds.reduce((sum, r) => sum + r.amount, 0);

/**
 * What a cancellation that granted `due` still has to refund, from the payment's refunds:
 * the policy gives back `due`, but never more than the refunds of other kinds left.
 * Worked example: 200000 paid, an admin's 100 refunded, due 200000 → 199900; once that
 * CANCELLATION refund exists → 0.
 */
export function cancellationOutstanding(payment: LockedPayment, due: number): number {
  const others = total(payment.refunds.filter((r) => live(r) && r.kind !== 'CANCELLATION'));
  const issued = total(payment.refunds.filter((r) => live(r) && r.kind === 'CANCELLATION'));
  return Math.max(0, Math.min(due, payment.amount - others) - issued);
}

export class RefundsService {
  private listener: RefundListener | null = null;

  constructor(
    private readonly prisma: Db,
    private readonly gateway: PaymentGateway,
    private readonly log: Logger,
  ) {}

  onRefunded(listener: RefundListener): void {
    this.listener = listener;
  }

  /** Admin: refund `amount` (default: all that remains) of a payment. */
  async refundPayment(
    paymentId: string,
    amount: number | null | undefined,
    reason: string,
  ): Promise<{ refund: RefundRow; currency: string }> {
    if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Give a reason for the refund', { field: 'reason' });
    const payment = await this.prisma.payment.findUnique({ where: { id: paymentId } });
    if (!payment) throw notFound('That payment');
    const refund = await this.request(payment, amount ?? null, reason.trim());
    return { refund: refund!, currency: payment.currency }; // without `upToRemaining` a refund is always recorded (or an error thrown)
  }

  /**
   * The cancellation policy granted `refundDue`: refund what of it is not issued yet. Safe to
   * run any number of times, concurrently: it decides under the payment's row lock.
   */
  async refundCancellation({ bookingId, refundDue, reason }: DomainEvents['booking.cancelled']): Promise<void> {
    if (!refundDue || refundDue <= 0) return;
    const payment = await this.paymentOfRecord(bookingId);
    if (!payment) {
      this.log.warn({ bookingId }, 'cancelled booking has a refund due but no paid payment');
      return;
    }
    const refund = await this.underLock(payment.id, async (tx, current) => {
      // A cancellation refund the gateway refused needs a person; asking again would only repeat the no.
      if (current.refunds.some((r) => r.kind === 'CANCELLATION' && r.status === 'FAILED')) return null;
      const outstanding = cancellationOutstanding(current, refundDue);
      if (outstanding <= 0 || !REFUNDABLE.includes(current.status)) return null;
      return this.record(tx, current, outstanding, `Cancellation: ${reason ?? 'booking cancelled'}`, 'CANCELLATION');
    });
    if (refund) await this.submit(refund);
  }

  /** The payment a booking's cancellation policy governs: its first one paid. */
  paymentOfRecord(bookingId: string): Promise<PaymentRow | null> {
    return this.prisma.payment.findFirst({ where: { bookingId, paidAt: { not: null } }, orderBy: [{ paidAt: 'asc' }, { id: 'asc' }] });
  }

  /**
   * Records the refund under a row lock, then submits it. `amount` null means all that
   * remains. `upToRemaining`: refund at most what remains, nothing when nothing does (so a
   * full refund asked twice is made once).
   */
  async request(
    payment: PaymentRow,
    amount: number | null,
    reason: string,
    opts: { kind?: RefundKind; upToRemaining?: boolean } = {},
  ): Promise<RefundRow | null> {
    const refund = await this.underLock(payment.id, async (tx, current) => {
      if (!REFUNDABLE.includes(current.status)) {
        throw new DomainError('INVALID_TRANSITION', `A ${current.status.toLowerCase().replace(/_/g, ' ')} payment cannot be refunded`);
      }
      const remaining = current.amount - total(current.refunds.filter(live));
      const want = amount === null ? remaining : opts.upToRemaining ? Math.min(amount, remaining) : amount;
      if (opts.upToRemaining && want <= 0) return null;
      if (!Number.isInteger(want) || want <= 0 || want > remaining) {
        throw new DomainError(
          'BAD_USER_INPUT',
          `The refund must be between 1 and ${remaining} (what remains of the payment, in minor units)`,
          { field: 'amount' },
        );
      }
      return this.record(tx, current, want, reason, opts.kind ?? 'MANUAL');
    });
    return refund && this.submit(refund);
  }

  /** Runs `decide` on the payment and its refunds under the payment's row lock. */
  private underLock(paymentId: string, decide: (tx: Tx, current: LockedPayment) => Promise<RefundRow | null>): Promise<RefundRow | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM payment WHERE id = ${paymentId}::uuid FOR UPDATE`;
      const current = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { refunds: true } });
      return decide(tx, current);
    });
  }

  private async record(tx: Tx, payment: PaymentRow, amount: number, reason: string, kind: RefundKind): Promise<RefundRow> {
    const created = await tx.refund.create({ data: { paymentId: payment.id, amount, reason, kind } });
    await this.settleStatus(tx, payment.id);
    return created;
  }

  /** The scheduled job: submit refunds the gateway has not taken yet, poll those in progress. */
  async pollOpen(): Promise<void> {
    const open = await this.prisma.refund.findMany({
      where: { status: { in: ['PENDING', 'PROCESSING'] } },
      orderBy: { updatedAt: 'asc' },
      take: 50,
    });
    for (const refund of open) {
      if (refund.status === 'PENDING' && Date.now() - refund.updatedAt.getTime() >= RETRY_PENDING_AFTER_MS) await this.submit(refund);
      if (refund.status === 'PROCESSING' && refund.refundRefId) await this.poll(refund);
    }
  }

  private async submit(refund: RefundRow): Promise<RefundRow> {
    const payment = await this.prisma.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
    if (!payment.bankTranId) return this.finish(refund, 'FAILED', 'The payment has no bank transaction id to refund');
    const answer = await this.gateway.refund({
      bankTranId: payment.bankTranId,
      amount: refund.amount,
      remarks: refund.reason,
      refId: refund.id,
    });
    if (!answer.ok) {
      if (answer.retryable) {
        this.log.warn({ refundId: refund.id, reason: answer.reason }, 'refund not submitted; will retry');
        return this.prisma.refund.update({ where: { id: refund.id }, data: { failureReason: answer.reason } });
      }
      return this.finish(refund, 'FAILED', answer.reason);
    }
    if (answer.value.status === 'failed') return this.finish(refund, 'FAILED', answer.value.reason ?? 'The gateway refused the refund');
    return this.prisma.refund.update({
      where: { id: refund.id },
      data: { status: 'PROCESSING', refundRefId: answer.value.refundRefId, failureReason: null },
    });
  }

  private async poll(refund: RefundRow): Promise<void> {
    const answer = await this.gateway.refundStatus(refund.refundRefId!);
    if (!answer.ok) return;
    if (answer.value.status === 'refunded') await this.finish(refund, 'REFUNDED', null);
    else if (answer.value.status === 'cancelled' || answer.value.status === 'failed')
      await this.finish(refund, 'FAILED', `The gateway ${answer.value.status} the refund`);
    else await this.prisma.refund.update({ where: { id: refund.id }, data: { updatedAt: new Date() } });
  }

  private async finish(refund: RefundRow, status: 'REFUNDED' | 'FAILED', failureReason: string | null): Promise<RefundRow> {
    const done = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.refund.updateMany({
        where: { id: refund.id, status: { in: ['PENDING', 'PROCESSING'] } },
        data: { status, failureReason },
      });
      await this.settleStatus(tx, refund.paymentId);
      return claimed.count > 0;
    });
    const row = await this.prisma.refund.findUniqueOrThrow({ where: { id: refund.id } });
    if (done && status === 'REFUNDED' && this.listener) {
      await this.listener.refunded(await this.prisma.payment.findUniqueOrThrow({ where: { id: refund.paymentId } }), row);
    }
    if (status === 'FAILED') this.log.error({ refundId: refund.id, failureReason }, 'refund failed; needs a person');
    return row;
  }

  /** Payment status and refunded amount, derived from its refunds. */
  private async settleStatus(tx: Tx, paymentId: string): Promise<void> {
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { refunds: true } });
    const refunded = payment.refunds.filter((r) => r.status === 'REFUNDED').reduce((sum, r) => sum + r.amount, 0);
    const open = payment.refunds.some((r) => r.status === 'PENDING' || r.status === 'PROCESSING');
    // With nothing refunded a payment is back where it was: paid, or still held for review.
    const status: PaymentStatus = open
      ? 'REFUND_PENDING'
      : refunded === 0
        ? payment.heldReason === null
          ? 'PAID'
          : 'HELD_FOR_REVIEW'
        : refunded >= payment.amount
          ? 'REFUNDED'
          : 'PARTIALLY_REFUNDED';
    await tx.payment.update({ where: { id: paymentId }, data: { status, refundedAmount: refunded } });
  }
}
