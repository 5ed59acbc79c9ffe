// Analytics GraphQL types.
import { Field, Int, ObjectType } from 'type-graphql';
import { BookingStatus } from '../../generated/prisma/enums';
import { Money } from '../../graphql/common.types';

@ObjectType()
export class StatusCount {
  @Field(() => BookingStatus) status!: BookingStatus;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class DailyPoint {
  @Field(() => String, { description: 'Local date YYYY-MM-DD in the requested time zone.' }) date!: string;
  @Field(() => Int, { description: 'Bookings starting that day.' }) bookings!: number;
  @Field(() => Money, { description: 'Net revenue of the payments made that day.' }) revenue!: Money;
}

// `provider` is a field resolver (analytics.resolver.ts), batched by the catalog's loader.
@ObjectType()
export class ProviderStat {
  @Field(() => Int, { description: 'Bookings starting in the window.' }) bookings!: number;
  @Field(() => Money, { description: 'Net revenue of payments made in the window.' }) revenue!: Money;
  providerId!: string;
}

@ObjectType()
export class PlatformAnalytics {
  @Field(() => [StatusCount], { description: 'Bookings starting in the window, every status listed (zeros too).' })
  bookingsByStatus!: StatusCount[];

  @Field(() => Money, { description: 'Payments made in the window (BDT), net of what was refunded of them.' })
  revenue!: Money;

  @Field(() => Money, { description: 'Refunds granted in the window and completed (BDT).' })
  refunded!: Money;

  @Field(() => [DailyPoint], { description: 'One point per local date of the window, zeros included.' })
  daily!: DailyPoint[];

  @Field(() => [ProviderStat], { description: 'Top 5 by revenue; for a provider, only them.' })
  topProviders!: ProviderStat[];

  @Field(() => Int, {
    description: 'Admin: customer accounts opened in the window. Provider: customers whose first booking with them was made in it.',
  })
  newCustomers!: number;

  @Field(() => Int, { description: 'Admin: provider accounts opened in the window. Always 0 for a provider.' })
  newProviders!: number;
}
