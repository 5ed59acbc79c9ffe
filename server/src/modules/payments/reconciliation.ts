// A lost IPN must not leave a paid booking unconfirmed: payments still INITIATED after
// PAYMENT_RECONCILE_MINUTES are looked up with the gateway's transaction query API and
// settled as it says. Sessions nobody paid are closed after a day.
import type { Db } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import type { PaymentGateway } from '../../infra/payments/payment-gateway';
import type { PaymentSettlement } from './payment-settlement';

const ABANDONED_AFTER_MS = 24 * 3_600_000;
const VALID = new Set(['VALID', 'VALIDATED']);
const UNPAID = new Set(['FAILED', 'CANCELLED', 'EXPIRED', 'UNATTEMPTED']);

export class PaymentReconciliation {
  constructor(
    private readonly prisma: Db,
    private readonly gateway: PaymentGateway,
    private readonly settlement: PaymentSettlement,
    private readonly afterMinutes: number,
    private readonly log: Logger,
  ) {}

  /** Returns how many payments changed. `now` lets tests look into the future. */
  async run(now = new Date()): Promise<number> {
    const stale = await this.prisma.payment.findMany({
      where: { status: 'INITIATED', createdAt: { lt: new Date(now.getTime() - this.afterMinutes * 60_000) } },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
    let changed = 0;
    for (const payment of stale) {
      const answer = await this.gateway.queryTransaction(payment.tranId);
      if (!answer.ok) {
        this.log.warn({ tranId: payment.tranId, reason: answer.reason }, 'reconciliation: gateway did not answer');
        continue;
      }
      const t = answer.value;
      if (t.found && t.status && VALID.has(t.status) && t.valId) {
        const result = await this.settlement.settle(payment.tranId, t.valId);
        if (result.outcome !== 'rejected' && result.outcome !== 'already-settled') changed++;
      } else if ((t.found && t.status && UNPAID.has(t.status)) || now.getTime() - payment.createdAt.getTime() > ABANDONED_AFTER_MS) {
        const { count } = await this.prisma.payment.updateMany({
          where: { id: payment.id, status: 'INITIATED' },
          data: {
            status: t.status === 'FAILED' ? 'FAILED' : 'CANCELLED',
            failureReason: `reconciled: gateway says ${t.status ?? 'nothing was paid'}`,
          },
        });
        changed += count;
      }
    }
    return changed;
  }
}
