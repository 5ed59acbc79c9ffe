// Who may do what to a booking, and when: docs/architecture.md's table as data, plus the time rules
// the table states in words. Pure: the booking, the actor and `now` go in; an answer
// comes out. bookings.service.ts's one `transition` function asks it before every write.
import type { BookingStatus } from '../../generated/prisma/enums';
import type { BookingAction } from './bookings.types';

export type Actor = 'customer' | 'provider' | 'admin';

export const TRANSITIONS: Record<BookingStatus, Partial<Record<Actor, readonly BookingAction[]>>> = {
  REQUESTED: { customer: ['CANCEL', 'RESCHEDULE'], provider: ['ACCEPT', 'REJECT'], admin: ['CANCEL'] },
  PENDING_PAYMENT: { customer: ['PAY', 'CANCEL', 'RESCHEDULE'], provider: ['CANCEL'], admin: ['CANCEL'] },
  CONFIRMED: { customer: ['CANCEL', 'RESCHEDULE'], provider: ['CANCEL', 'COMPLETE'], admin: ['CANCEL'] },
  COMPLETED: { customer: ['REVIEW'] },
  REJECTED: {},
  CANCELLED: {},
  EXPIRED: {},
};

/** Actions allowedActions may offer. */
const OFFERED: readonly BookingAction[] = ['ACCEPT', 'REJECT', 'PAY', 'CANCEL', 'RESCHEDULE', 'COMPLETE', 'REVIEW'];

/** What the rules read of a booking. */
export interface BookingFacts {
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date | null;
  answerBy: Date | null;
  priceAmount: number;
  refundDueAmount: number | null;
  /** How often it was moved already (the service's maxReschedules caps it). */
  rescheduleCount?: number;
  /** Whether its review exists (a booking is reviewed once); allowedActions supplies it for COMPLETED bookings. */
  reviewed?: boolean;
}

export interface CancellationPolicy {
  /** A customer cancelling a CONFIRMED booking more than this many hours ahead gets everything back. */
  fullRefundHours: number;
  /** The service's own reschedule window; without one, a CONFIRMED booking moves until the full refund closes. */
  rescheduleNoticeMinutes?: number | null;
  /** The service's cap on moves per booking; null or absent: no cap. */
  maxReschedules?: number | null;
}

const VERB: Record<BookingAction, string> = {
  ACCEPT: 'accept',
  REJECT: 'reject',
  PAY: 'pay for',
  CANCEL: 'cancel',
  RESCHEDULE: 'reschedule',
  COMPLETE: 'complete',
  REVIEW: 'review',
};

/** Null when the actor may do it now; otherwise the reason, for INVALID_TRANSITION. */
export function refusal(action: BookingAction, actor: Actor, b: BookingFacts, now: Date, policy: CancellationPolicy): string | null {
  if (!TRANSITIONS[b.status][actor]?.includes(action)) {
    return `As its ${actor} you cannot ${VERB[action]} a booking that is ${b.status.replace('_', ' ').toLowerCase()}`;
  }
  switch (action) {
    case 'ACCEPT':
      return b.startsAt <= now || (b.answerBy !== null && b.answerBy <= now) ? 'The time to answer this request has passed' : null;
    case 'PAY':
      return !b.holdExpiresAt || b.holdExpiresAt <= now ? 'The hold on this slot has expired; book it again' : null;
    case 'RESCHEDULE': {
      const most = policy.maxReschedules;
      if (most === 0) return "This service's bookings cannot be moved; cancel it instead";
      if (most != null && (b.rescheduleCount ?? 0) >= most) {
        return `This booking was already moved ${most === 1 ? 'once' : `${most} times`}, the most this service allows; cancel it instead`;
      }
      if (policy.rescheduleNoticeMinutes != null) {
        return b.startsAt.getTime() - now.getTime() < policy.rescheduleNoticeMinutes * 60_000
          ? `This service's bookings can be rescheduled only until ${policy.rescheduleNoticeMinutes} minutes before they start; cancel it instead`
          : null;
      }
      return b.status === 'CONFIRMED' && !beforeFullRefundCloses(b, now, policy)
        ? `A confirmed booking can be rescheduled only until ${policy.fullRefundHours} hours before it starts; cancel it instead`
        : null;
    }
    case 'COMPLETE':
      return now < b.endsAt ? 'A booking can be completed only after it ends' : null;
    case 'REVIEW':
      return b.reviewed ? 'This booking has already been reviewed' : null;
    default:
      return null;
  }
}

/** The viewer's relations to a booking, parties first; empty for a stranger. */
export function actorsOf(
  viewer: { userId: string; role: string },
  b: { customerId: string; providerId: string },
  viewerProviderId: string | null,
): Actor[] {
  const actors: Actor[] = [];
  if (b.customerId === viewer.userId) actors.push('customer');
  if (viewerProviderId !== null && b.providerId === viewerProviderId) actors.push('provider');
  if (viewer.role === 'ADMIN') actors.push('admin');
  return actors;
}

/** The actor whose rights apply: a party of the booking before an admin (the order of actorsOf). */
export function actingAs(actors: Actor[], action: BookingAction, b: BookingFacts): Actor | undefined {
  return actors.find((a) => TRANSITIONS[b.status][a]?.includes(action)) ?? actors[0];
}

/** Every action some role of the viewer may take now, in the enum's order. */
export function allowedActions(actors: Actor[], b: BookingFacts, now: Date, policy: CancellationPolicy): BookingAction[] {
  return OFFERED.filter((action) => actors.some((actor) => refusal(action, actor, b, now, policy) === null));
}

/**
 * What a cancellation now gives back (minor units); null when nothing was paid, i.e.
 * the booking is not CONFIRMED. Provider and admin cancellations refund in full; the
 * customer gets everything more than fullRefundHours before the start, nothing after.
 * Worked example (24 h, 1500 poisha): start Fri 10:00, cancel Thu 09:59 → 1500; Thu 10:00 → 0.
 */
export function refundDue(b: BookingFacts, actor: Actor, now: Date, policy: CancellationPolicy): number | null {
  if (b.status !== 'CONFIRMED') return null;
  if (actor !== 'customer') return b.priceAmount;
  return beforeFullRefundCloses(b, now, policy) ? b.priceAmount : 0;
}

/**
 * Booking.cancellationRefund: for a CONFIRMED booking, what the customer's cancellation
 * would give back now; for a CANCELLED one, the refund recorded when it was cancelled;
 * otherwise null (nothing is paid).
 */
export function cancellationRefund(b: BookingFacts, now: Date, policy: CancellationPolicy): number | null {
  if (b.status === 'CANCELLED') return b.refundDueAmount;
  return refundDue(b, 'customer', now, policy);
}

function beforeFullRefundCloses(b: BookingFacts, now: Date, policy: CancellationPolicy): boolean {
  return b.startsAt.getTime() - now.getTime() > policy.fullRefundHours * 3_600_000;
}
