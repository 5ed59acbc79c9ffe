import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, PaymentStatus, Role } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { BookingsService } from '../bookings/bookings.service';
import { Booking } from '../bookings/bookings.types';
import { paymentView, refundView } from './payment-views';
import type { PaymentSettlement } from './payment-settlement';
import type { PaymentsService } from './payments.service';
import { Payment, PaymentConnection, PaymentSession, Refund } from './payments.types';
import type { RefundsService } from './refunds.service';

@Resolver(() => Payment)
export class PaymentsResolver {
  constructor(
    private readonly paymentsService: PaymentsService,
    private readonly refundsService: RefundsService,
    private readonly settlement: PaymentSettlement,
    private readonly bookings: BookingsService,
  ) {}

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => PaymentSession)
  async startPayment(@Arg('bookingId', () => ID) bookingId: string, @Ctx() ctx: AppContext): Promise<PaymentSession> {
    const session = await this.paymentsService.startPayment(viewerOf(ctx), bookingId, ctx.appOrigin);
    return { payment: paymentView(session.payment), redirectUrl: session.redirectUrl };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Refund, { description: 'Admin only; cancellations refund on their own, by the cancellation policy.' })
  async refundPayment(
    @Arg('paymentId', () => ID) paymentId: string,
    @Arg('amount', () => Int, { nullable: true }) amount: number | null,
    @Arg('reason', () => String) reason: string,
  ): Promise<Refund> {
    const { refund, currency } = await this.refundsService.refundPayment(paymentId, amount, reason);
    return refundView(refund, currency);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Payment, {
    description: 'Admin only: a payment HELD_FOR_REVIEW is good; confirm its booking (or, when it can no longer be, refund it in full).',
  })
  async confirmHeldPayment(@Arg('paymentId', () => ID) paymentId: string): Promise<Payment> {
    return paymentView(await this.settlement.confirmHeld(paymentId));
  }

  @Authorized(Role.ADMIN)
  @Query(() => PaymentConnection, { description: 'Admin only. Payments HELD_FOR_REVIEW wait for confirmHeldPayment or refundPayment.' })
  async payments(
    @Arg('status', () => [PaymentStatus], { nullable: true }) status: PaymentStatus[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await this.paymentsService.list({ status, first, after });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: paymentView(e.node) })) };
  }

  @FieldResolver(() => Booking)
  async booking(@Root() payment: Payment, @Ctx() ctx: AppContext) {
    const booking = await ctx.loaders.get('bookings.booking', () => this.bookings.bookingLoader()).load(payment.bookingId);
    if (!booking) throw new Error(`payment ${payment.id} has no booking`);
    return booking;
  }

  @FieldResolver(() => [Refund])
  async refunds(@Root() payment: Payment, @Ctx() ctx: AppContext): Promise<Refund[]> {
    const rows = await ctx.loaders.get('payments.refunds', () => this.paymentsService.refundsByPaymentLoader()).load(payment.id);
    return rows.map((r) => refundView(r, payment.amount.currency));
  }
}

@Resolver(() => Booking)
export class BookingPaymentResolver {
  constructor(private readonly payments: PaymentsService) {}

  @FieldResolver(() => Payment, { nullable: true })
  async payment(@Root() booking: Booking, @Ctx() ctx: AppContext): Promise<Payment | null> {
    const row = await ctx.loaders.get('payments.byBooking', () => this.payments.paymentByBookingLoader()).load(booking.id);
    return row ? paymentView(row) : null;
  }
}
