// A payment's state, in words, as a badge.
import { ToneBadge, type Tone } from '../console/ToneBadge';
import type { PaymentStatus } from '../gql/graphql';

export const PAYMENT_STATUS: Record<PaymentStatus, { label: string; tone: Tone }> = {
  INITIATED: { label: 'Started', tone: 'waiting' },
  PAID: { label: 'Paid', tone: 'good' },
  HELD_FOR_REVIEW: { label: 'Held for review', tone: 'attention' },
  PARTIALLY_REFUNDED: { label: 'Partly refunded', tone: 'neutral' },
  REFUND_PENDING: { label: 'Refund pending', tone: 'waiting' },
  REFUNDED: { label: 'Refunded', tone: 'neutral' },
  FAILED: { label: 'Failed', tone: 'bad' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <ToneBadge tone={PAYMENT_STATUS[status].tone}>{PAYMENT_STATUS[status].label}</ToneBadge>;
}
