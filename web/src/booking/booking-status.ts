import { ACCENT } from '../app/theme';
import type { BookingStatus } from '../gql/graphql';

export const STATUS_LABEL: Record<BookingStatus, { label: string; color: string }> = {
  REQUESTED: { label: 'Awaiting provider', color: 'yellow' },
  PENDING_PAYMENT: { label: 'Awaiting payment', color: ACCENT },
  CONFIRMED: { label: 'Confirmed', color: 'teal' },
  COMPLETED: { label: 'Completed', color: 'cyan' },
  CANCELLED: { label: 'Cancelled', color: 'gray' },
  REJECTED: { label: 'Declined', color: 'red' },
  EXPIRED: { label: 'Expired', color: 'gray' },
};

/** Still ahead and holding its slot: shown under "Upcoming". */
export const isUpcoming = (b: { status: BookingStatus; endsAt: string }, now = Date.now()): boolean =>
  ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'].includes(b.status) && Date.parse(b.endsAt) > now;
