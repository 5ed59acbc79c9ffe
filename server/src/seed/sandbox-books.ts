// The built-in sandbox's record of the demo's seeded payments and refunds, so an admin can
// refund a seeded payment in the demo (the sandbox answers for every bank_tran_id it holds).
import type { Prisma } from '../generated/prisma/client';
import type { BookingSet } from './bookings';

// The gateway reports local Dhaka time (UTC+6, no DST) as "YYYY-MM-DD HH:MM:SS".
const dhakaTime = (at: Date) => new Date(at.getTime() + 6 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const asDate = (v: Date | string | null | undefined) => (v ? new Date(v) : new Date(0));

export function sandboxBooksFor(set: BookingSet): {
  transactions: Prisma.SandboxTransactionCreateManyInput[];
  refunds: Prisma.SandboxRefundCreateManyInput[];
} {
  const sessionOf = (tranId: string) => `SEED-SESSION-${tranId}`;
  const transactions = set.payments.map((p) => ({
    sessionKey: sessionOf(p.tranId),
    tranId: p.tranId,
    status: 'VALIDATED',
    amount: p.amount,
    currency: p.currency ?? 'BDT',
    productName: 'HomeSer booking',
    successUrl: '/payments/sslcommerz/success',
    failUrl: '/payments/sslcommerz/fail',
    cancelUrl: '/payments/sslcommerz/cancel',
    ipn: 'delivered',
    tranDate: dhakaTime(asDate(p.paidAt)),
    valId: p.valId ?? null,
    bankTranId: p.bankTranId ?? null,
    createdAt: p.createdAt,
  }));
  const tranIdOf = new Map(set.payments.map((p) => [p.id, p.tranId]));
  const refunds = set.refunds.flatMap((r) => {
    const tranId = tranIdOf.get(r.paymentId);
    if (!tranId || !r.refundRefId) return [];
    return [
      {
        refundRefId: r.refundRefId,
        sessionKey: sessionOf(tranId),
        refeId: r.id ?? '',
        amount: r.amount,
        remarks: r.reason,
        initiatedOn: dhakaTime(asDate(r.createdAt)),
        queries: 1,
      },
    ];
  });
  return { transactions, refunds };
}
