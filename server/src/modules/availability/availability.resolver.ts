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
  Slot,
} from './availability.types';

@Resolver(() => AvailabilitySettings)
export class AvailabilityResolver {
  constructor(private readonly availability: AvailabilityService) {}

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => [Slot])
  availableSlots(@Arg('serviceId', () => ID) serviceId: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date) {
    return this.availability.availableSlots(serviceId, from, to);
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
}
