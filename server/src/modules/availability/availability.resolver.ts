import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../generated/prisma/enums';
import { viewerOf, type AppContext } from '../../graphql/context';
import { ForApiKeys } from '../../graphql/api-scope';
import type { AvailabilityService } from './availability.service';
import {
  AvailabilityException,
  AvailabilityExceptionInput,
  AvailabilitySettings,
  AvailabilitySettingsInput,
  BookingLimits,
  BookingLimitsInput,
  ServiceScheduling,
  ServiceSchedulingInput,
  Slot,
} from './availability.types';

@Resolver(() => AvailabilitySettings)
export class AvailabilityResolver {
  constructor(private readonly availability: AvailabilityService) {}

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => [Slot])
  availableSlots(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('timeZone', () => String, {
      nullable: true,
      description: "Each slot's localDate/localTime in this IANA zone (the provider's when absent).",
    })
    timeZone: string | null,
  ) {
    return this.availability.availableSlots(serviceId, from, to, timeZone);
  }

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => ServiceScheduling, { description: 'How a service is scheduled: interval, buffers, notice, horizon, seats, limits.' })
  serviceScheduling(@Arg('serviceId', () => ID) serviceId: string) {
    return this.availability.serviceScheduling(serviceId);
  }

  @Authorized()
  @Mutation(() => ServiceScheduling, {
    description: "The provider sets every field of one service's scheduling (absent ones to defaults).",
  })
  setServiceScheduling(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => ServiceSchedulingInput) input: ServiceSchedulingInput,
    @Ctx() ctx: AppContext,
  ) {
    return this.availability.setServiceScheduling(viewerOf(ctx), serviceId, input);
  }

  @Authorized()
  @Mutation(() => BookingLimits, { description: "The provider's booking limits over all their services; null fields: no limit." })
  setBookingLimits(@Arg('input', () => BookingLimitsInput) input: BookingLimitsInput, @Ctx() ctx: AppContext) {
    return this.availability.setBookingLimits(viewerOf(ctx), input);
  }

  @Authorized()
  @Query(() => AvailabilitySettings)
  myAvailability(@Ctx() ctx: AppContext) {
    return this.availability.myAvailability(viewerOf(ctx));
  }

  @Authorized()
  @Mutation(() => AvailabilitySettings)
  setAvailability(@Arg('input', () => AvailabilitySettingsInput) input: AvailabilitySettingsInput, @Ctx() ctx: AppContext) {
    return this.availability.setAvailability(viewerOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => AvailabilityException)
  addAvailabilityException(@Arg('input', () => AvailabilityExceptionInput) input: AvailabilityExceptionInput, @Ctx() ctx: AppContext) {
    return this.availability.addException(viewerOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  removeAvailabilityException(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.availability.removeException(viewerOf(ctx), id);
  }

  @FieldResolver(() => [AvailabilityException])
  exceptions(
    @Root() settings: AvailabilitySettings,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
  ) {
    return this.availability.exceptions(settings.providerId, from, to);
  }

  @FieldResolver(() => BookingLimits)
  bookingLimits(@Ctx() ctx: AppContext) {
    return this.availability.bookingLimits(viewerOf(ctx));
  }
}
