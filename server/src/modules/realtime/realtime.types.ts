// The events subscriptions deliver. Each is built whole before it is sent (the booking row
// included, loaded in batches), so these types have no field resolvers of their own.
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BookingStatus } from '../../generated/prisma/enums';
import { Booking } from '../bookings/bookings.types';
import { ChangeKind, type AvailabilityChange, type BookingChange } from './realtime-events';

registerEnumType(ChangeKind, { name: 'ChangeKind' });

@ObjectType()
export class BookingEvent implements Omit<BookingChange, 'booking'> {
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
export class AvailabilityEvent implements AvailabilityChange {
  @Field(() => String) eventId!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => Date, { description: 'The window whose free slots changed; refetch availableSlots for it.' }) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Date) occurredAt!: Date;
}
