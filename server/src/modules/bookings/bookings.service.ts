// What customers and providers do with bookings: request one, then accept, reject,
// cancel, reschedule, complete. Every change after the request goes through one
// `transition` function: load, check actor and status against the table
// (booking-transitions.ts), one conditional UPDATE and its notices in one transaction,
// refresh slot caches, announce.
// The exclusion constraint booking_no_overlap, not a lock, keeps slots single.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Booking as BookingRow, Prisma, WaitlistEntry as WaitlistEntryRow } from '../../generated/prisma/client';
import type { Role } from '../../generated/prisma/enums';
import { DomainError, notFound } from '../../domain-error';
import { alongside, PgError, sqlState, type Db, type PreparedStatements } from '../../infra/database';
import type { DomainEventBus } from '../../infra/domain-events';
import { parseInput } from '../../input-validation';
import { slotTaken, type AvailabilityService, type BookingTarget } from '../availability/availability.service';
import type { ServicePolicy } from '../availability/scheduling-policy';
import type { Viewer } from '../identity/viewer';
import type { BookingNotices, NoticeBooking } from './booking-notices';
import type { BookingPayments } from './booking-payments';
import type { BookingQueries } from './booking-queries';
import { GUARDED_TX, guardedCreate, guardMove, isGuarded } from './booking-guard';
import {
  BOOKING_TX,
  bookingInsert,
  bookingTimes,
  DEADLOCK_DETECTED,
  insertBooking,
  onDeadlockRetry,
  type NewBooking,
} from './booking-writes';
import type { ExpirySweep } from './expiry-sweep';
import {
  actingAs,
  actorsOf,
  allowedActions,
  cancellationRefund,
  refundDue,
  refusal,
  type Actor,
  type BookingFacts,
  type CancellationPolicy,
} from './booking-transitions';
import type { BookingAction } from './bookings.types';

type Tx = Prisma.TransactionClient;

const MS_PER_MINUTE = 60_000;
const reasonSchema = z.string().trim().max(500, 'must be at most 500 characters').nullish();
const requestSchema = z.object({
  serviceId: z.string(),
  startsAt: z.date(),
  notes: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  idempotencyKey: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish(),
});
type RequestInput = z.output<typeof requestSchema>;

const ROLE_OF: Record<Actor, Role> = { customer: 'CUSTOMER', provider: 'PROVIDER', admin: 'ADMIN' };

export interface BookingsDeps {
  prisma: Db;
  statements: PreparedStatements;
  availability: AvailabilityService;
  queries: BookingQueries;
  payments: BookingPayments;
  sweep: ExpirySweep;
  notices: BookingNotices;
  events: DomainEventBus;
  config: Config['bookings'];
  now?: () => Date;
}

interface Step {
  booking: BookingRow;
  actor: Actor;
  now: Date;
}

export class BookingsService {
  readonly policy: CancellationPolicy;
  private readonly now: () => Date;
  private placeFreed: (booking: BookingRow) => Promise<unknown> = async () => undefined;

  constructor(private readonly deps: BookingsDeps) {
    this.policy = { fullRefundHours: deps.config.fullRefundHours };
    this.now = deps.now ?? (() => new Date());
  }

  /** Books a free slot: REQUESTED for the provider to answer, or PENDING_PAYMENT (instant booking) with a hold. */
  async requestBooking(viewer: Viewer, input: unknown): Promise<BookingRow> {
    const request = parseInput(requestSchema, input);
    const retried = await this.earlierAttempt(viewer, request);
    if (retried) return retried;
    const target = await this.deps.availability.bookingTarget(request.serviceId, request.startsAt);
    if (target.scheduling.userId === viewer.userId) throw new DomainError('FORBIDDEN', 'You cannot book your own service');
    try {
      await this.deps.availability.assertBookable(target, request.startsAt);
      const booking = await this.insert(viewer, target, request);
      await this.deps.availability.providerChanged(booking.providerId);
      return booking;
    } catch (err) {
      // A retry racing its own first attempt finds the slot taken, by that attempt: answer with it.
      const first = err instanceof DomainError && err.code === 'SLOT_UNAVAILABLE' && (await this.earlierAttempt(viewer, request));
      if (first) return first;
      throw err;
    }
  }

  acceptBooking(viewer: Viewer, id: string): Promise<BookingRow> {
    return this.transition(viewer, id, 'ACCEPT', async ({ now }) => ({
      status: 'PENDING_PAYMENT',
      holdExpiresAt: new Date(now.getTime() + this.deps.config.holdMinutes * MS_PER_MINUTE),
    }));
  }

  async rejectBooking(viewer: Viewer, id: string, reason?: string | null): Promise<BookingRow> {
    const why = parseInput(reasonSchema, reason) || null;
    const rejected = await this.transition(viewer, id, 'REJECT', async () => ({ status: 'REJECTED', cancellationReason: why }));
    await this.placeFreed(rejected);
    return rejected;
  }

  /**
   * A CONFIRMED booking records the refund its cancellation is due. 'booking.cancelled' tells
   * payments: it refunds what is due and closes any payment session still open.
   */
  async cancelBooking(viewer: Viewer, id: string, reason?: string | null): Promise<BookingRow> {
    const why = parseInput(reasonSchema, reason) || null;
    const cancelled = await this.transition(viewer, id, 'CANCEL', async ({ booking, actor, now }) => ({
      status: 'CANCELLED',
      cancellationReason: why,
      cancelledBy: ROLE_OF[actor],
      refundDueAmount: refundDue(booking, actor, now, this.policy), // null unless it was CONFIRMED (paid)
    }));
    this.deps.events.emit('booking.cancelled', { bookingId: cancelled.id, refundDue: cancelled.refundDueAmount, reason: why });
    await this.placeFreed(cancelled);
    return cancelled;
  }

  /**
   * Moves the booking to another free slot of its service in one UPDATE (starts_at,
   * ends_at, blocked_until together; the constraint guards it), or leaves it as it was.
   * Status, price, hold and payment stay; the length is the service's current one, so
   * the new slot is one availableSlots offers.
   */
  async rescheduleBooking(viewer: Viewer, id: string, startsAt: Date): Promise<BookingRow> {
    const found = await this.deps.queries.find(id);
    const target = found && (await this.deps.availability.bookingTarget(found.serviceId, startsAt).catch(() => null));
    const moved = await this.transition(
      viewer,
      id,
      'RESCHEDULE',
      async ({ booking }) => {
        if (!target) throw new DomainError('INVALID_TRANSITION', 'This service is no longer offered; cancel the booking instead');
        await this.deps.availability.assertBookable(target, startsAt, booking.id);
        return { startsAt, ...bookingTimes(target, startsAt), rescheduleCount: { increment: 1 } };
      },
      {
        policy: this.policyOf(target?.policy ?? null),
        // Limits are counted and a seat picked again under the provider's lock, in the UPDATE's transaction.
        ...(target && isGuarded(target) && { guard: (tx: Tx) => guardMove(tx, target, found, startsAt), tx: GUARDED_TX }),
      },
    );
    // Its old place is free now: the first in its waitlist line is offered it.
    if (found) await this.placeFreed(found);
    return moved;
  }

  completeBooking(viewer: Viewer, id: string): Promise<BookingRow> {
    return this.transition(viewer, id, 'COMPLETE', async () => ({ status: 'COMPLETED' }));
  }

  /** Booking.cancellationRefund, now (see booking-transitions.ts). */
  cancellationRefund(booking: BookingFacts): number | null {
    return cancellationRefund(booking, this.now(), this.policy);
  }

  /** Booking.allowedActions for this viewer, now, by its service's reschedule rules (`servicePolicy`; none: the platform's). */
  allowedActions(
    viewer: Viewer,
    booking: BookingFacts & { customerId: string; providerId: string },
    viewerProviderId: string | null,
    servicePolicy: ServicePolicy | null = null,
  ): BookingAction[] {
    return allowedActions(actorsOf(viewer, booking, viewerProviderId), booking, this.now(), this.policyOf(servicePolicy));
  }

  /** The services' scheduling policies, in order (for allowedActions on a page of bookings). */
  servicePolicies(serviceIds: readonly string[]): Promise<ServicePolicy[]> {
    return this.deps.availability.servicePolicies(serviceIds);
  }

  /** The platform's cancellation policy with the service's reschedule rules. */
  private policyOf(p: ServicePolicy | null): CancellationPolicy {
    if (!p) return this.policy;
    return { ...this.policy, rescheduleNoticeMinutes: p.rescheduleNoticeMinutes, maxReschedules: p.maxReschedules };
  }

  // Delegates for the payments module and the app (see booking-payments.ts, booking-queries.ts).
  bookingForPayment: BookingPayments['bookingForPayment'] = (viewer, id) => this.deps.payments.bookingForPayment(viewer, id);
  confirmPaid: BookingPayments['confirmPaid'] = (tx, id) => this.deps.payments.confirmPaid(tx, id);
  confirmedAfterCommit: BookingPayments['confirmedAfterCommit'] = (id) => this.deps.payments.confirmedAfterCommit(id);
  bookingLoader: BookingQueries['loader'] = () => this.deps.queries.loader();
  cancelledWithRefundDue: BookingQueries['cancelledWithRefundDue'] = (since, page) => this.deps.queries.cancelledWithRefundDue(since, page);
  expireOverdue: ExpirySweep['expireOverdue'] = (now) => this.deps.sweep.expireOverdue(now);
  remindDue: ExpirySweep['remindDue'] = (now) => this.deps.sweep.remindDue(now);

  /**
   * The one way a booking changes after it was requested: the viewer must be a party or
   * an admin (FORBIDDEN otherwise), the table must allow the action now
   * (INVALID_TRANSITION otherwise), and the UPDATE only applies if the booking is still
   * as it was read, so of two concurrent transitions exactly one wins.
   */
  private async transition(
    viewer: Viewer,
    id: string,
    action: BookingAction,
    change: (step: Step) => Promise<Prisma.BookingUpdateManyMutationInput>,
    opts: {
      policy?: CancellationPolicy;
      /** Runs first in the UPDATE's transaction; what it returns is written with the change. */
      guard?: (tx: Tx) => Promise<Prisma.BookingUpdateManyMutationInput>;
      tx?: typeof GUARDED_TX;
    } = {},
  ): Promise<BookingRow> {
    const policy = opts.policy ?? this.policy;
    const booking = await this.deps.queries.find(id);
    if (!booking) throw notFound('That booking');
    const actors = await this.deps.queries.actorsOf(viewer, booking);
    const actor = actingAs(actors, action, booking);
    if (!actor) throw new DomainError('FORBIDDEN', 'This booking is not yours');
    const now = this.now();
    const refused = refusal(action, actor, booking, now, policy);
    if (refused) throw new DomainError('INVALID_TRANSITION', refused);

    const data = await change({ booking, actor, now });
    const notices = await this.deps.notices.deliver(this.noticesOf(action, actor, booking, data));
    const [changed] = await onDeadlockRetry(() =>
      this.deps.prisma.$transaction(async (tx) => {
        const guarded = { ...data, ...(await opts.guard?.(tx)) };
        const rows = await tx.booking.updateManyAndReturn({
          where: { id, status: booking.status, startsAt: booking.startsAt },
          data: guarded,
        });
        if (rows.length) await notices.write(tx);
        return rows;
      }, opts.tx ?? BOOKING_TX),
    ).catch((err: unknown) => {
      throw sqlState(err) === PgError.exclusionViolation ? slotTaken() : err;
    });
    if (!changed) throw new DomainError('INVALID_TRANSITION', 'This booking changed while you were acting on it; reload it and try again');
    await this.deps.availability.providerChanged(booking.providerId);
    return changed;
  }

  /** Who is told what of this change: the booking as it will be once `data` is applied. */
  private async noticesOf(action: BookingAction, actor: Actor, before: BookingRow, data: Prisma.BookingUpdateManyMutationInput) {
    const after: NoticeBooking = {
      ...before,
      startsAt: (data.startsAt as Date | undefined) ?? before.startsAt,
      holdExpiresAt: (data.holdExpiresAt as Date | null | undefined) ?? before.holdExpiresAt,
      cancellationReason: (data.cancellationReason as string | null | undefined) ?? before.cancellationReason,
    };
    const notices = this.deps.notices;
    switch (action) {
      case 'ACCEPT':
        return notices.accepted(after);
      case 'REJECT':
        return notices.rejected(after);
      case 'CANCEL':
        return notices.cancelled(after, actor);
      case 'RESCHEDULE':
        return notices.rescheduled(after, before.startsAt, actor);
      default:
        return [];
    }
  }

  /** A retry with a used idempotency key returns the first booking (CONFLICT if it asked for something else). */
  private async earlierAttempt(viewer: Viewer, request: RequestInput): Promise<BookingRow | null> {
    if (!request.idempotencyKey) return null;
    const first = await this.deps.prisma.booking.findUnique({
      where: { customerId_idempotencyKey: { customerId: viewer.userId, idempotencyKey: request.idempotencyKey } },
    });
    if (first && (first.serviceId !== request.serviceId || first.startsAt.getTime() !== request.startsAt.getTime())) {
      throw new DomainError('CONFLICT', 'This idempotency key was already used for a different booking; use a new key', {
        field: 'idempotencyKey',
      });
    }
    return first;
  }

  /** A waitlist offer: the entry's customer gets a booking of the freed place, the entry points at it, they are told. */
  async offerFromWaitlist(entry: WaitlistEntryRow, target: BookingTarget): Promise<BookingRow> {
    const customer = { userId: entry.customerId } as Viewer;
    return this.insert(customer, target, { serviceId: entry.serviceId, startsAt: entry.startsAt }, async (tx, booking) => {
      // Only a claim not yet booked takes the booking; otherwise the insert rolls back.
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: 'OFFERED', bookingId: null },
        data: { bookingId: booking.id },
      });
      if (!count) throw new DomainError('CONFLICT', 'This place in line was offered meanwhile');
      const told = await this.deps.notices.deliver(this.deps.notices.waitlistOffer(booking));
      await told.write(tx);
    });
  }

  /** Called with every booking that stopped holding its place (the waitlist offers it on). */
  onPlaceFreed(listener: (booking: BookingRow) => Promise<unknown>): void {
    // The change has committed: a failed offer must not turn it into an error (the next freed place retries the line).
    this.placeFreed = (booking) => listener(booking).catch(() => undefined);
  }

  private async insert(
    viewer: Viewer,
    target: BookingTarget,
    request: RequestInput,
    alsoInTx?: (tx: Prisma.TransactionClient, booking: BookingRow) => Promise<void>,
  ): Promise<BookingRow> {
    const { service, scheduling } = target;
    const now = this.now().getTime();
    const { holdMinutes, answerHours } = this.deps.config;
    const id = randomUUID();
    const answerBy = service.instantBooking ? null : new Date(Math.min(now + answerHours * 3_600_000, request.startsAt.getTime()));
    const facts = { id, serviceId: service.id, providerId: scheduling.id, customerId: viewer.userId, startsAt: request.startsAt };
    const notices = await this.deps.notices.deliver(
      answerBy
        ? this.deps.notices.requested(
            { ...facts, answerBy, holdExpiresAt: null, cancellationReason: null, status: 'REQUESTED' },
            { service: service.title, provider: { userId: scheduling.userId, name: scheduling.businessName, zone: scheduling.timeZone } },
          )
        : Promise.resolve([]),
    );
    const data: NewBooking = {
      id,
      serviceId: service.id,
      providerId: scheduling.id,
      customerId: viewer.userId,
      startsAt: request.startsAt,
      ...bookingTimes(target, request.startsAt),
      status: service.instantBooking ? 'PENDING_PAYMENT' : 'REQUESTED',
      priceAmount: service.priceAmount,
      currency: service.currency,
      notes: request.notes || null,
      holdExpiresAt: service.instantBooking ? new Date(now + holdMinutes * MS_PER_MINUTE) : null,
      answerBy,
      idempotencyKey: request.idempotencyKey ?? null,
    };
    // A plain booking and its notes are one statement: one round trip, no transaction to open.
    // Seats and limits are counted under the provider's lock, and a waitlist claim is written
    // with its booking: those take a transaction.
    const guarded = isGuarded(target);
    const write = async (): Promise<BookingRow> => {
      if (!guarded && !alsoInTx) {
        const [booking] = await this.deps.statements.prepared<BookingRow>(alongside(notices.statements(), bookingInsert(data)));
        return booking!;
      }
      return this.deps.prisma.$transaction(
        async (tx) => {
          const booking = guarded ? await guardedCreate(tx, target, data) : await insertBooking(tx, data);
          await notices.write(tx);
          await alsoInTx?.(tx, booking);
          return booking;
        },
        guarded ? GUARDED_TX : BOOKING_TX,
      );
    };
    try {
      return await onDeadlockRetry(write);
    } catch (err) {
      const state = sqlState(err);
      // Two retries with one key racing: the loser of the unique index gets the winner's booking.
      const first = state === PgError.uniqueViolation && (await this.earlierAttempt(viewer, request));
      if (first) return first;
      // The constraint said no, or the slot stayed contested beyond a few deadlock retries.
      // The last seat went to another insert (booking_one_per_seat) counts as taken too.
      if (state === PgError.exclusionViolation || state === PgError.uniqueViolation || state === DEADLOCK_DETECTED) throw slotTaken();
      throw err;
    }
  }
}
