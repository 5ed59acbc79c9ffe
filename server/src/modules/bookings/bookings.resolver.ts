import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, BookingStatus, Role } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { Money } from '../../graphql/common.types';
import { money } from '../../shared/money';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { CatalogService } from '../catalog/catalog.service';
import { Provider, Service } from '../catalog/catalog.types';
import { User } from '../identity/identity.types';
import type { UsersService } from '../identity/users.service';
import type { BookingQueries } from './booking-queries';
import type { BookingsService } from './bookings.service';
import { Booking, BookingAction, BookingConnection, BookingInput } from './bookings.types';

export type BookingsCatalog = Pick<CatalogService, 'serviceLoader' | 'providerLoader' | 'providerOfUser'>;
/** Which of these bookings have their review already (the reviews module answers): REVIEW is offered once. */
export type HasReview = (bookingIds: readonly string[]) => Promise<boolean[]>;

@Resolver(() => Booking)
export class BookingsResolver {
  constructor(
    private readonly bookingService: BookingsService,
    private readonly queries: BookingQueries,
    private readonly catalog: BookingsCatalog,
    private readonly users: UsersService,
    private readonly hasReview: HasReview,
  ) {}

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_READ)
  @Query(() => Booking, { nullable: true })
  booking(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.queries.visibleBooking(viewerOf(ctx), id);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_READ)
  @Query(() => BookingConnection)
  myBookings(
    @Arg('status', () => [BookingStatus], { nullable: true }) status: BookingStatus[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.queries.myBookings(viewerOf(ctx), { status, first, after });
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_READ)
  @Query(() => BookingConnection)
  providerBookings(
    @Arg('status', () => [BookingStatus], { nullable: true }) status: BookingStatus[] | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.queries.providerBookings(viewerOf(ctx), { status, from, to, first, after });
  }

  @Authorized(Role.ADMIN)
  @Query(() => BookingConnection, { description: 'Admin only: every booking, filtered.' })
  bookings(
    @Arg('status', () => [BookingStatus], { nullable: true }) status: BookingStatus[] | null,
    @Arg('providerId', () => ID, { nullable: true }) providerId: string | null,
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.queries.allBookings({ status, providerId, customerId, from, to, first, after });
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  requestBooking(@Arg('input', () => BookingInput) input: BookingInput, @Ctx() ctx: AppContext) {
    return this.bookingService.requestBooking(viewerOf(ctx), input);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  acceptBooking(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.bookingService.acceptBooking(viewerOf(ctx), id);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  rejectBooking(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.bookingService.rejectBooking(viewerOf(ctx), id, reason);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  cancelBooking(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.bookingService.cancelBooking(viewerOf(ctx), id, reason);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  rescheduleBooking(@Arg('id', () => ID) id: string, @Arg('startsAt', () => Date) startsAt: Date, @Ctx() ctx: AppContext) {
    return this.bookingService.rescheduleBooking(viewerOf(ctx), id, startsAt);
  }

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Booking)
  completeBooking(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.bookingService.completeBooking(viewerOf(ctx), id);
  }

  // ------------------------------------------------------------ fields, batched per request

  @FieldResolver(() => Service)
  service(@Root() b: Booking, @Ctx() ctx: AppContext) {
    return ctx.loaders.get('catalog.service', () => this.catalog.serviceLoader()).load(b.serviceId);
  }

  @FieldResolver(() => Provider)
  provider(@Root() b: Booking, @Ctx() ctx: AppContext) {
    return ctx.loaders.get('catalog.provider', () => this.catalog.providerLoader()).load(b.providerId);
  }

  @FieldResolver(() => User, { description: "Only the booking's two parties and admins see a booking at all." })
  customer(@Root() b: Booking, @Ctx() ctx: AppContext) {
    return ctx.loaders.get('identity.user', () => this.users.loader()).load(b.customerId);
  }

  @FieldResolver(() => Money)
  price(@Root() b: Booking): Money {
    return money(b.priceAmount, b.currency);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'What the customer would get back if the booking were cancelled now, by the cancellation policy; null when nothing is paid.',
  })
  cancellationRefund(@Root() b: Booking): Money | null {
    const amount = this.bookingService.cancellationRefund(b);
    return amount === null ? null : money(amount, b.currency);
  }

  @FieldResolver(() => [BookingAction], { description: 'Transitions this viewer may make now, e.g. [ACCEPT, REJECT].' })
  async allowedActions(@Root() b: Booking, @Ctx() ctx: AppContext): Promise<BookingAction[]> {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    // One provider lookup per request, however many bookings the page holds.
    const mine = await ctx.loaders.get('bookings.viewerProvider', () => this.queries.viewerProviderLoader()).load(viewer.userId);
    // Only a completed booking can be reviewed: no other booking asks the reviews module.
    const reviewed =
      b.status === 'COMPLETED' && (await ctx.loaders.get('bookings.reviewed', () => new DataLoader(this.hasReview)).load(b.id));
    // Reschedule rules are the service's: read only for bookings that may still move, batched per request.
    const movable = b.status === 'REQUESTED' || b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED';
    const policy = movable
      ? await ctx.loaders
          .get('bookings.servicePolicy', () => new DataLoader((ids: readonly string[]) => this.bookingService.servicePolicies(ids)))
          .load(b.serviceId)
      : null;
    return this.bookingService.allowedActions(viewer, { ...b, reviewed }, mine, policy);
  }
}
