// The Booking GraphQL type and its enums. The root value is the booking row itself
// (also what BookingsService.bookingLoader() returns): columns without @Field are read
// by the field resolvers in bookings.resolver.ts (service, customer, provider, price, ...).
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { BookingStatus, type Role } from '../../generated/prisma/enums';
import { ConnectionType } from '../../graphql/common.types';

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  valuesConfig: {
    REQUESTED: { description: "Awaiting the provider's decision (services without instant booking)." },
    PENDING_PAYMENT: { description: 'Slot held for the customer until holdExpiresAt; paying confirms it.' },
  },
});

export const BookingAction = {
  ACCEPT: 'ACCEPT',
  REJECT: 'REJECT',
  PAY: 'PAY',
  CANCEL: 'CANCEL',
  RESCHEDULE: 'RESCHEDULE',
  COMPLETE: 'COMPLETE',
  REVIEW: 'REVIEW',
} as const;
export type BookingAction = (typeof BookingAction)[keyof typeof BookingAction];
registerEnumType(BookingAction, { name: 'BookingAction' });

@ObjectType()
export class Booking {
  @Field(() => ID) id!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => BookingStatus) status!: BookingStatus;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => Date, { nullable: true }) holdExpiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'A REQUESTED booking expires unless the provider answers by then.' })
  answerBy!: Date | null;

  @Field(() => String, { nullable: true }) cancellationReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  serviceId!: string;
  providerId!: string;
  customerId!: string;
  blockedUntil!: Date;
  priceAmount!: number;
  currency!: string;
  idempotencyKey!: string | null;
  cancelledBy!: Role | null;
  refundDueAmount!: number | null;
  rescheduleCount!: number;
}

export const BookingConnection = ConnectionType('Booking', Booking);

@InputType()
export class BookingInput {
  @Field(() => ID) serviceId!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first booking instead of a second one.' })
  idempotencyKey?: string | null;
}
