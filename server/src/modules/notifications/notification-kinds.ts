// The kinds of notification, and who is told of each (see booking-notices.ts for the words).
// Notification.type carries the kind; people turn the email copy of a kind off, never the
// in-app one.
export const NOTIFICATION_KINDS = [
  'BOOKING_REQUESTED', // provider: a new request, with the answer deadline
  'BOOKING_ACCEPTED', // customer: accepted, with the pay-by time
  'BOOKING_REJECTED', // customer: with the provider's reason
  'HOLD_EXPIRING', // customer: a few minutes before the hold runs out
  'BOOKING_EXPIRED', // both
  'BOOKING_CANCELLED', // the other side (both when an admin cancels)
  'BOOKING_RESCHEDULED', // the other side
  'BOOKING_REMINDER', // both, the day before
  'REVIEW_RECEIVED', // provider
  'PAYMENT_SUCCEEDED', // both
  'PAYMENT_FAILED', // both
  'PAYMENT_REFUNDED', // both
  'WAITLIST_OFFER', // customer: a seat they waited for is held for them
  'PAYMENT_HELD', // both: paid, held for an admin's review
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
