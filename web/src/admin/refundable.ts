// What of a payment can still be given back, as the server counts it (refunds.service.ts).
import type { AdminPaymentFragment } from '../gql/graphql';

/** The amount less every refund not FAILED, in minor units. */
export const remainingOf = (p: AdminPaymentFragment) =>
  p.amount.amount - p.refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount.amount, 0);

/** Money is left and the payment is one the Payments screen refunds (held ones: Held for review). */
export const refundable = (p: AdminPaymentFragment) =>
  remainingOf(p) > 0 && ['PAID', 'PARTIALLY_REFUNDED', 'REFUND_PENDING'].includes(p.status);
