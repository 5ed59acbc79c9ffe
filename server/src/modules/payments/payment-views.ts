// Rows → GraphQL shapes.
import type { Payment as PaymentRow, Refund as RefundRow } from '../../generated/prisma/client';
import { money } from '../../shared/money';
import type { Payment, Refund } from './payments.types';

export const paymentView = (p: PaymentRow): Payment => ({
  id: p.id,
  bookingId: p.bookingId,
  transactionId: p.tranId,
  amount: money(p.amount, p.currency),
  status: p.status,
  method: p.method,
  paidAt: p.paidAt,
  heldReason: p.heldReason,
});

export const refundView = (r: RefundRow, currency: string): Refund => ({
  id: r.id,
  amount: money(r.amount, currency),
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt,
});
