// The built-in sandbox's books, in its own tables (sandbox_transaction, sandbox_refund): a
// restart keeps them, every instance on the database sees the same ones, and the demo's
// seeded payments can be refunded. Each change is one conditional statement or one
// transaction under the transaction's row lock, so two instances cannot both pay a session
// or refund past what was paid. Amounts in minor units.
import type { SandboxRefund as RefundRow, SandboxTransaction as TransactionRow } from '../../generated/prisma/client';
import type { Db } from '../database';
import type { PaymentRecord } from './sandbox-signing';

export type SandboxStatus = 'PENDING' | 'VALID' | 'VALIDATED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';

export interface SandboxRefund {
  refundRefId: string;
  refeId: string;
  amount: number;
  remarks: string;
  initiatedOn: string;
  queries: number;
}

/** A session and what became of it. */
export interface SandboxTransaction extends PaymentRecord {
  sessionKey: string;
  productName: string;
  status: SandboxStatus;
  urls: { success: string; fail: string; cancel: string; ipn: string | null };
  /** What became of the IPN: 'not sent' yet, 'dropped' on purpose, 'delivered', or 'failed: …'. */
  ipn: string;
  /** The gateway's risk verdict: 0 safe, 1 risky (to be held for review). */
  riskLevel: number;
  refunds: SandboxRefund[];
}

export type NewSession = Pick<SandboxTransaction, 'sessionKey' | 'tranId' | 'amount' | 'currency' | 'productName' | 'urls'>;

type Outcome =
  { paid: true; valId: string; bankTranId: string; tranDate: string } | { paid: false; status: 'FAILED' | 'CANCELLED'; tranDate: string };

export class SandboxBooks {
  constructor(private readonly prisma: Db) {}

  async open(s: NewSession): Promise<void> {
    await this.prisma.sandboxTransaction.create({
      data: {
        sessionKey: s.sessionKey,
        tranId: s.tranId,
        status: 'PENDING',
        amount: s.amount,
        currency: s.currency,
        productName: s.productName,
        successUrl: s.urls.success,
        failUrl: s.urls.fail,
        cancelUrl: s.urls.cancel,
        ipnUrl: s.urls.ipn,
      },
    });
  }

  bySession = (sessionKey: string) => this.find({ sessionKey });
  byValId = (valId: string) => this.find({ valId });
  byBankTranId = (bankTranId: string) => this.find({ bankTranId });
  async byTranId(tranId: string): Promise<SandboxTransaction[]> {
    const rows = await this.prisma.sandboxTransaction.findMany({
      where: { tranId },
      include: { refunds: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(view);
  }

  /** The customer pressed a button: only a PENDING session moves, once, whoever asks. */
  async settle(sessionKey: string, outcome: Outcome, riskLevel: number): Promise<SandboxTransaction | null> {
    const data = outcome.paid
      ? { status: 'VALID', valId: outcome.valId, bankTranId: outcome.bankTranId, tranDate: outcome.tranDate, riskLevel }
      : { status: outcome.status, tranDate: outcome.tranDate };
    const { count } = await this.prisma.sandboxTransaction.updateMany({ where: { sessionKey, status: 'PENDING' }, data });
    return count ? this.bySession(sessionKey) : null;
  }

  async recordIpn(sessionKey: string, ipn: string): Promise<void> {
    await this.prisma.sandboxTransaction.update({ where: { sessionKey }, data: { ipn } });
  }

  /** The first validation answers VALID, later ones VALIDATED, as SSLCommerz does. */
  async markValidated(sessionKey: string): Promise<void> {
    await this.prisma.sandboxTransaction.updateMany({ where: { sessionKey, status: 'VALID' }, data: { status: 'VALIDATED' } });
  }

  /** Closes a session nobody paid yet; false when it was already paid (or failed, or closed). */
  async close(sessionKey: string): Promise<boolean> {
    const { count } = await this.prisma.sandboxTransaction.updateMany({
      where: { sessionKey, status: 'PENDING' },
      data: { status: 'EXPIRED' },
    });
    return count > 0;
  }

  /** Records a refund of `amount` unless it would exceed what remains; the row lock makes the check hold. */
  async refund(bankTranId: string, made: SandboxRefund): Promise<'made' | 'too much' | 'unknown' | 'not validated'> {
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ session_key: string; status: string; amount: number }[]>`
        SELECT session_key, status, amount FROM sandbox_transaction WHERE bank_tran_id = ${bankTranId} FOR UPDATE`;
      if (!locked) return 'unknown';
      if (locked.status !== 'VALIDATED') return 'not validated';
      const { _sum } = await tx.sandboxRefund.aggregate({ where: { sessionKey: locked.session_key }, _sum: { amount: true } });
      if (made.amount > locked.amount - (_sum.amount ?? 0)) return 'too much';
      await tx.sandboxRefund.create({ data: { ...made, sessionKey: locked.session_key } });
      return 'made';
    });
  }

  /** Counts the query and answers the refund with its transaction. */
  async queryRefund(refundRefId: string): Promise<{ tx: SandboxTransaction; refund: SandboxRefund } | null> {
    const { count } = await this.prisma.sandboxRefund.updateMany({ where: { refundRefId }, data: { queries: { increment: 1 } } });
    if (!count) return null;
    const row = await this.prisma.sandboxRefund.findUniqueOrThrow({
      where: { refundRefId },
      include: { transaction: { include: { refunds: true } } },
    });
    return { tx: view(row.transaction), refund: refundView(row) };
  }

  async all(): Promise<SandboxTransaction[]> {
    const rows = await this.prisma.sandboxTransaction.findMany({ include: { refunds: true }, orderBy: { createdAt: 'asc' } });
    return rows.map(view);
  }

  private async find(where: { sessionKey: string } | { valId: string } | { bankTranId: string }): Promise<SandboxTransaction | null> {
    const row = await this.prisma.sandboxTransaction.findUnique({ where, include: { refunds: true } });
    return row && view(row);
  }
}

function view(row: TransactionRow & { refunds: RefundRow[] }): SandboxTransaction {
  return {
    sessionKey: row.sessionKey,
    tranId: row.tranId,
    status: row.status as SandboxStatus, // written only from SandboxStatus above
    amount: row.amount,
    currency: row.currency,
    productName: row.productName,
    tranDate: row.tranDate,
    valId: row.valId,
    bankTranId: row.bankTranId,
    urls: { success: row.successUrl, fail: row.failUrl, cancel: row.cancelUrl, ipn: row.ipnUrl },
    ipn: row.ipn,
    riskLevel: row.riskLevel,
    refunds: row.refunds.sort((a, b) => a.initiatedOn.localeCompare(b.initiatedOn)).map(refundView),
  };
}

const refundView = (r: RefundRow): SandboxRefund => ({
  refundRefId: r.refundRefId,
  refeId: r.refeId,
  amount: r.amount,
  remarks: r.remarks,
  initiatedOn: r.initiatedOn,
  queries: r.queries,
});
