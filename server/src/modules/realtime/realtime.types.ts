// The events subscriptions deliver. Each is built whole before it is sent (the booking row
// included, loaded in batches), so these types have no field resolvers of their own.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BookingStatus } from '../../generated/prisma/enums';
import { Booking } from '../bookings/bookings.types';

export const ChangeKind = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  DELETED: 'DELETED',
} as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];
registerEnumType(ChangeKind, { name: 'ChangeKind' });

/** change_event.op → ChangeKind. */
export const KIND_OF_OP: Record<string, ChangeKind> = { INSERT: 'CREATED', UPDATE: 'UPDATED', DELETE: 'DELETED' };

@ObjectType()
export class BookingEvent {
  @Field(() => String, {
    description:
      "Position in the deployment's change feed, in commit order; pass the last one seen as afterEventId to resume without gaps.",
  })
  eventId!: string;

  @Field(() => ChangeKind) kind!: ChangeKind;
  @Field(() => Booking) booking!: Booking;
  @Field(() => BookingStatus, { nullable: true }) previousStatus!: BookingStatus | null;
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType()
export class AvailabilityEvent {
  @Field(() => String) eventId!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => Date, { description: 'The window whose free slots changed; refetch availableSlots for it.' }) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Date) occurredAt!: Date;
}
