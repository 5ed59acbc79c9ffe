// Demo bookings in every status, with the payments, refund and reviews that go with them.
// Slots come from each provider's Diary, so holding bookings never overlap.
import type { Prisma } from '../generated/prisma/client';
import type { BookingStatus, Role } from '../generated/prisma/enums';
import type { Directory, SeededProvider, SeededService } from './directory';
import type { Rng } from './random';
import { seedId } from './random';
import { addMinutes } from './schedules';
import { CANCEL_REASONS, NOTES, PAYMENT_METHODS, REVIEW_COMMENTS } from './texts';

export interface BookingSet {
  bookings: Prisma.BookingCreateManyInput[];
  payments: Prisma.PaymentCreateManyInput[];
  refunds: Prisma.RefundCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
}

interface Plan {
  provider: SeededProvider;
  customerId: string;
  status: BookingStatus;
  /** Days from today the slot may fall on; defaults to the status's window. */
  window?: [number, number];
  refunded?: boolean;
  review?: boolean;
}

// Future holds start 2+ days out and past completions end 3+ days ago, whatever the zone.
const WINDOWS: Record<BookingStatus, [number, number]> = {
  COMPLETED: [-60, -3],
  CONFIRMED: [2, 21],
  REQUESTED: [3, 14],
  PENDING_PAYMENT: [3, 14],
  REJECTED: [-30, 14],
  CANCELLED: [-30, 14],
  EXPIRED: [-20, 10],
};
const HOUR = 60;
const DAY = 24 * HOUR;
const ALL: BookingStatus[] = ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
// Status mix of an ordinary provider's bookings, as weights.
const MIX: Array<[BookingStatus, number]> = [
  ['COMPLETED', 45],
  ['CONFIRMED', 15],
  ['REQUESTED', 8],
  ['PENDING_PAYMENT', 5],
  ['CANCELLED', 12],
  ['REJECTED', 7],
  ['EXPIRED', 8],
];

export function buildBookings(rng: Rng, today: Date, dir: Directory): BookingSet {
  const out: BookingSet = { bookings: [], payments: [], refunds: [], reviews: [] };
  const other = () => rng.pick(dir.customerIds);
  const bookable = dir.providers.filter((p) => p.services.some((s) => s.active));
  const plans: Plan[] = [];

  // The demo provider: every status, the demo customer among the customers of each.
  const demoCounts: Record<BookingStatus, number> = {
    COMPLETED: 6,
    CONFIRMED: 3,
    REQUESTED: 3,
    PENDING_PAYMENT: 2,
    REJECTED: 2,
    CANCELLED: 2,
    EXPIRED: 2,
  };
  for (const status of ALL) {
    for (let i = 0; i < demoCounts[status]; i++) {
      const withDemo = i === 0 || (status === 'COMPLETED' && i === 1);
      // The demo customer reviewed one completed visit and can still review the other.
      plans.push({
        provider: dir.demoProvider,
        customerId: withDemo ? dir.demoCustomerId : other(),
        status,
        review: withDemo ? i === 0 : undefined,
      });
    }
  }
  // A visit that has ended but is not yet marked done: the provider can complete it.
  plans.push({ provider: dir.demoProvider, customerId: other(), status: 'CONFIRMED', window: [-5, -2] });
  plans.push({ provider: dir.demoProvider, customerId: dir.demoCustomerId, status: 'CANCELLED', window: [4, 10], refunded: true });
  // The demo customer with other providers.
  for (const status of ALL) {
    for (let i = 0; i < (status === 'COMPLETED' ? 3 : 2); i++)
      plans.push({ provider: rng.pick(bookable), customerId: dir.demoCustomerId, status });
  }
  for (const provider of dir.providers) {
    for (let i = 0, n = rng.int(7, 12); i < n; i++) plans.push({ provider, customerId: other(), status: weighted(rng, MIX) });
  }

  const clamp = (d: Date) => (d > today ? today : d);
  plans.forEach((plan) => {
    const service = pickService(rng, plan);
    const [from, to] = plan.window ?? WINDOWS[plan.status];
    const slot = plan.provider.diary.take(from, to, service.durationMinutes, service.bufferMinutes);
    if (!slot) return; // no free slot left in the window: leave this booking out
    const n = out.bookings.length + 1;
    const id = seedId('booking', n);
    const freshHold = plan.status === 'REQUESTED' || plan.status === 'PENDING_PAYMENT';
    // Booked 1-7 days ahead; far-off bookings were made in the last few days, none after today.
    const ahead = addMinutes(slot.startsAt, -rng.int(1, 7) * DAY - rng.int(0, 12) * HOUR);
    const createdAt = freshHold || ahead >= addMinutes(today, -HOUR) ? addMinutes(today, -rng.int(1, freshHold ? 10 : 96) * HOUR) : ahead;
    const row: Prisma.BookingCreateManyInput = {
      id,
      serviceId: service.id,
      providerId: plan.provider.id,
      customerId: plan.customerId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      blockedUntil: slot.blockedUntil,
      status: plan.status,
      priceAmount: service.priceAmount,
      currency: 'BDT',
      notes: rng.chance(0.3) ? rng.pick(NOTES) : null,
      createdAt,
      updatedAt: createdAt,
    };
    const later = (minutes: number) => clamp(addMinutes(createdAt, minutes));
    // An hour or more after booking, before both today and the start (createdAt is 1h+ before both).
    const meanwhile = () => {
      const gap = (Math.min(today.getTime(), slot.startsAt.getTime()) - createdAt.getTime()) / 60_000;
      return addMinutes(createdAt, Math.max(HOUR, Math.round((gap * rng.int(5, 95)) / 100)));
    };
    switch (plan.status) {
      case 'REQUESTED':
        row.answerBy = addMinutes(today, 2 * DAY); // later than any sweep runs on a fresh demo
        break;
      case 'PENDING_PAYMENT':
        row.holdExpiresAt = addMinutes(today, 2 * DAY);
        break;
      case 'REJECTED':
        row.answerBy = addMinutes(createdAt, DAY);
        row.updatedAt = clamp(addMinutes(createdAt, rng.int(10, 23 * HOUR)));
        break;
      case 'EXPIRED': {
        // An unanswered request (answer window) or an unpaid instant booking (payment hold).
        const created = new Date(Math.min(createdAt.getTime(), addMinutes(today, -2 * DAY - rng.int(0, 48) * HOUR).getTime()));
        const unanswered = !service.instantBooking;
        const deadline = unanswered
          ? new Date(Math.min(addMinutes(created, DAY).getTime(), slot.startsAt.getTime()))
          : addMinutes(created, 15);
        if (unanswered) row.answerBy = deadline;
        else row.holdExpiresAt = deadline;
        row.createdAt = created;
        row.updatedAt = deadline;
        break;
      }
      case 'CANCELLED': {
        const by: Role = plan.refunded
          ? 'CUSTOMER'
          : weighted(rng, [
              ['CUSTOMER', 6],
              ['PROVIDER', 3],
              ['ADMIN', 1],
            ]);
        row.cancelledBy = by;
        row.cancellationReason = rng.pick(CANCEL_REASONS[by]);
        row.updatedAt = meanwhile();
        if (plan.refunded) row.refundDueAmount = service.priceAmount;
        break;
      }
      case 'COMPLETED':
        row.updatedAt = clamp(addMinutes(slot.endsAt, rng.int(1, 6) * HOUR));
        break;
      case 'CONFIRMED':
        row.updatedAt = later(rng.int(5, 30));
        break;
    }
    out.bookings.push(row);

    if (plan.status === 'CONFIRMED' || plan.status === 'COMPLETED' || plan.refunded) {
      const tranId = `HS-SEED-${String(out.payments.length + 1).padStart(4, '0')}`;
      const paymentId = seedId('payment', tranId);
      const paidAt = later(rng.int(2, 20));
      out.payments.push({
        id: paymentId,
        bookingId: id,
        tranId,
        amount: service.priceAmount,
        currency: 'BDT',
        status: plan.refunded ? 'REFUNDED' : 'PAID',
        method: rng.pick(PAYMENT_METHODS),
        valId: `SEEDVAL${tranId.slice(8)}`,
        bankTranId: `SEEDBANK${tranId.slice(8)}`,
        refundedAmount: plan.refunded ? service.priceAmount : 0,
        paidAt,
        createdAt: later(1),
        updatedAt: plan.refunded ? (row.updatedAt as Date) : paidAt,
      });
      if (plan.refunded) {
        out.refunds.push({
          id: seedId('refund', tranId),
          paymentId,
          amount: service.priceAmount,
          status: 'REFUNDED',
          kind: 'CANCELLATION',
          reason: 'Cancelled by the customer more than 24 hours before the start: full refund',
          refundRefId: `SEED-RR-${tranId.slice(8)}`,
          createdAt: row.updatedAt,
          updatedAt: row.updatedAt,
        });
      }
    }
    if (plan.status === 'COMPLETED' && (plan.review ?? rng.chance(0.8))) {
      const rating = weighted(rng, [
        [5, 50],
        [4, 33],
        [3, 12],
        [2, 4],
        [1, 1],
      ]);
      out.reviews.push({
        id: seedId('review', id),
        bookingId: id,
        providerId: plan.provider.id,
        authorId: plan.customerId,
        rating,
        comment: rng.chance(0.65) ? rng.pick(REVIEW_COMMENTS[rating >= 4 ? 'good' : rating === 3 ? 'okay' : 'poor']) : null,
        createdAt: clamp(addMinutes(slot.endsAt, rng.int(2, 72) * HOUR)),
      });
    }
  });
  return out;
}

// Requests and rejections need a service that is not instant-booked; upcoming holds an active one.
function pickService(rng: Rng, plan: Plan): SeededService {
  const upcoming = ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'].includes(plan.status) && !plan.window;
  const needsRequest = plan.status === 'REQUESTED' || plan.status === 'REJECTED';
  const usable = plan.provider.services.filter((s) => s.active || !upcoming);
  const preferred = usable.filter((s) => !needsRequest || !s.instantBooking);
  return rng.pick(preferred.length > 0 ? preferred : usable.length > 0 ? usable : plan.provider.services);
}

function weighted<T>(rng: Rng, options: Array<[T, number]>): T {
  let roll = rng.next() * options.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of options) {
    roll -= w;
    if (roll < 0) return value;
  }
  return options[options.length - 1][0];
}
