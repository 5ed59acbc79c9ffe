// The demo accounts' inboxes: what the customer, the provider and the admin were told
// about their bookings. Older notifications are read, the latest ones are not.
import { DateTime } from 'luxon';
import type { Prisma } from '../generated/prisma/client';
import type { BookingSet } from './bookings';
import type { Directory } from './directory';
import { DEMO_ACCOUNTS } from './people';
import { seedId } from './random';
import { addMinutes } from './schedules';

type Booking = Prisma.BookingCreateManyInput;
type Draft = Omit<Prisma.NotificationCreateManyInput, 'id' | 'userId' | 'readAt'>;

const PER_ACCOUNT = 8;
const ZONE = DEMO_ACCOUNTS.customer.timeZone;

export function buildNotifications(today: Date, dir: Directory, set: BookingSet): Prisma.NotificationCreateManyInput[] {
  const title = new Map(dir.services.map((s) => [s.id, s.title]));
  const business = new Map(dir.providerRows.map((p) => [p.id, p.businessName]));
  const person = new Map(dir.users.map((u) => [u.id, u.name]));
  const reviewed = new Set(set.reviews.map((r) => r.bookingId));
  const when = (d: unknown) => DateTime.fromJSDate(d as Date, { zone: ZONE }).toFormat('ccc d LLL, HH:mm');
  const taka = (poisha: number) => `BDT ${(poisha / 100).toLocaleString('en-US')}`;
  const what = (b: Booking) => `${title.get(b.serviceId)} on ${when(b.startsAt)}`;
  const at = (b: Booking) => b.updatedAt as Date;

  const customer: Draft[] = [];
  const provider: Draft[] = [];
  for (const b of set.bookings) {
    const by = business.get(b.providerId);
    if (b.customerId === dir.demoCustomerId) {
      const note = (type: string, heading: string, body: string) =>
        customer.push({ type, title: heading, body, bookingId: b.id, createdAt: at(b) });
      if (b.status === 'CONFIRMED')
        note('BOOKING_CONFIRMED', 'Booking confirmed', `${by} will see you for ${what(b)}. Payment of ${taka(b.priceAmount)} received.`);
      if (b.status === 'PENDING_PAYMENT')
        note(
          'PAYMENT_DUE',
          'Pay to confirm your booking',
          `Your slot for ${what(b)} is held until ${when(b.holdExpiresAt)}. Pay ${taka(b.priceAmount)} to confirm it.`,
        );
      if (b.status === 'REJECTED')
        note('BOOKING_REJECTED', 'Request declined', `${by} could not take your request for ${what(b)}. Try another time or provider.`);
      if (b.status === 'EXPIRED')
        note('BOOKING_EXPIRED', 'Booking expired', `Your booking for ${what(b)} expired before it was confirmed.`);
      if (b.status === 'CANCELLED' && b.refundDueAmount)
        note('REFUND_COMPLETED', 'Refund completed', `${taka(b.refundDueAmount)} was refunded for ${what(b)}.`);
      else if (b.status === 'CANCELLED' && b.cancelledBy !== 'CUSTOMER')
        note('BOOKING_CANCELLED', 'Booking cancelled', `${by} cancelled ${what(b)}: ${b.cancellationReason}`);
      if (b.status === 'COMPLETED' && !reviewed.has(b.id as string))
        note('REVIEW_REMINDER', `How was ${title.get(b.serviceId)}?`, `Rate ${by} to help other customers choose.`);
    }
    if (b.providerId === dir.demoProvider.id) {
      const who = person.get(b.customerId);
      const note = (type: string, heading: string, body: string, createdAt = at(b)) =>
        provider.push({ type, title: heading, body, bookingId: b.id, createdAt });
      if (b.status === 'REQUESTED')
        note('BOOKING_REQUESTED', 'New booking request', `${who} asked for ${what(b)}. Answer by ${when(b.answerBy)}.`);
      if (b.status === 'CONFIRMED')
        note('BOOKING_CONFIRMED', 'New confirmed booking', `${who} paid ${taka(b.priceAmount)} for ${what(b)}.`);
      if (b.status === 'CANCELLED' && b.cancelledBy === 'CUSTOMER')
        note('BOOKING_CANCELLED', 'Booking cancelled', `${who} cancelled ${what(b)}: ${b.cancellationReason}`);
      const review = set.reviews.find((r) => r.bookingId === b.id);
      if (review)
        note(
          'REVIEW_RECEIVED',
          `New ${review.rating}-star review`,
          review.comment ?? `${who} rated ${title.get(b.serviceId)}.`,
          review.createdAt as Date,
        );
    }
  }

  const admin: Draft[] = set.refunds.map((r) => {
    const payment = set.payments.find((p) => p.id === r.paymentId);
    return {
      type: 'REFUND_COMPLETED',
      title: 'Refund completed',
      body: `${taka(r.amount)} refunded for payment ${payment?.tranId}.`,
      bookingId: payment?.bookingId ?? null,
      createdAt: r.createdAt as Date,
    };
  });
  const weekAgo = addMinutes(today, -7 * 24 * 60);
  const lastWeek = set.bookings.filter((b) => (b.createdAt as Date) >= weekAgo);
  admin.push({
    type: 'WEEKLY_SUMMARY',
    title: 'Your weekly summary',
    bookingId: null,
    createdAt: addMinutes(today, -6 * 60),
    body: `${lastWeek.length} bookings were made in the last 7 days; ${set.bookings.filter((b) => b.status === 'REQUESTED').length} requests are waiting for providers.`,
  });

  return [
    ...inbox(dir.demoCustomerId, customer, today),
    ...inbox(dir.demoProvider.userId, provider, today),
    ...inbox(dir.adminId, admin, today),
  ];
}

/** The latest of each type, then the latest others, a few in all; older than a day is read. */
function inbox(userId: string, drafts: Draft[], today: Date): Prisma.NotificationCreateManyInput[] {
  const time = (d: Draft) => (d.createdAt as Date).getTime();
  const newestFirst = [...drafts].sort((a, b) => time(b) - time(a));
  const firstOfType = newestFirst.filter((d, i) => newestFirst.findIndex((e) => e.type === d.type) === i);
  const rest = newestFirst.filter((d) => !firstOfType.includes(d));
  return [...firstOfType, ...rest]
    .slice(0, PER_ACCOUNT)
    .sort((a, b) => time(b) - time(a))
    .map((d, i) => ({
      ...d,
      id: seedId('notification', userId, i),
      userId,
      readAt: time(d) < today.getTime() - 86_400_000 ? addMinutes(d.createdAt as Date, 90) : null,
    }));
}
