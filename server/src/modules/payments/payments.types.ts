import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentStatus, RefundStatus, Role } from '../../generated/prisma/enums';
import { ConnectionType, Money } from '../../graphql/common.types';

registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(RefundStatus, { name: 'RefundStatus' });

@ObjectType()
export class Refund {
  @Field(() => ID) id!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => RefundStatus) status!: RefundStatus;
  @Field(() => String) reason!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class Payment {
  @Field(() => ID) id!: string;
  @Field(() => String) transactionId!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => PaymentStatus) status!: PaymentStatus;
  @Field(() => String, { nullable: true }) method!: string | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
  @Authorized(Role.ADMIN)
  // simple: false keeps TypeGraphQL's resolver, which runs the role check (graphql/schema.ts).
  @Field(() => String, { nullable: true, simple: false, description: 'Admin only: why the gateway flagged a payment held for review.' })
  heldReason!: string | null;
  bookingId!: string;
}

@ObjectType()
export class PaymentSession {
  @Field(() => Payment) payment!: Payment;
  @Field(() => String, { description: 'The gateway page to send the customer to.' }) redirectUrl!: string;
}

export const PaymentConnection = ConnectionType('Payment', Payment);
