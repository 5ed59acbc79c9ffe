import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExceptionKind, HorizonUnit } from '../../generated/prisma/enums';

registerEnumType(ExceptionKind, {
  name: 'ExceptionKind',
  valuesConfig: {
    BLOCKED: { description: 'The provider is away for this local date (or part of it).' },
    EXTRA: { description: 'Extra working hours on this local date.' },
    OVERRIDE: { description: 'These hours replace the weekly hours of this local date (EXTRA still adds, BLOCKED still cuts).' },
  },
});

registerEnumType(HorizonUnit, {
  name: 'HorizonUnit',
  valuesConfig: {
    ROLLING_HOURS: { description: 'Up to this many hours from now.' },
    ROLLING_DAYS: { description: 'Up to this many days from now, at the same wall time.' },
    CALENDAR_DAYS: { description: "Until the end of the Nth local day after today (0 = today), in the provider's zone." },
  },
});

@ObjectType()
export class AvailabilityRule {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '0 = Sunday ... 6 = Saturday' }) weekday!: number;
  @Field(() => Int, { description: "Minutes after local midnight, in the provider's time zone." }) startMinute!: number;
  @Field(() => Int) endMinute!: number;
}

@InputType()
export class AvailabilityRuleInput {
  @Field(() => Int) weekday!: number;
  @Field(() => Int) startMinute!: number;
  @Field(() => Int) endMinute!: number;
}

@ObjectType()
export class AvailabilityException {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "Local calendar date in the provider's time zone, YYYY-MM-DD." }) date!: string;
  @Field(() => ExceptionKind) kind!: ExceptionKind;
  @Field(() => Int, { nullable: true, description: 'Null with BLOCKED means the whole day.' }) startMinute!: number | null;
  @Field(() => Int, { nullable: true }) endMinute!: number | null;
}

@InputType()
export class AvailabilityExceptionInput {
  @Field(() => String) date!: string;
  @Field(() => ExceptionKind) kind!: ExceptionKind;
  @Field(() => Int, { nullable: true }) startMinute?: number | null;
  @Field(() => Int, { nullable: true }) endMinute?: number | null;
}

// simpleResolvers: a month of slots is hundreds of objects; plain fields need no middleware.
@ObjectType({ simpleResolvers: true })
export class Slot {
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Int, { description: 'Seats still free at this start (1 for a single-seat service).' }) seatsLeft!: number;
  @Field(() => String, { description: "The zone localDate and localTime are in: the timeZone asked for, else the provider's." })
  timeZone!: string;
  @Field(() => String, { description: 'The start as a local date in timeZone, YYYY-MM-DD.' }) localDate!: string;
  @Field(() => String, { description: 'The start as a local time in timeZone, HH:mm.' }) localTime!: string;
}

@ObjectType()
export class Horizon {
  @Field(() => Int) amount!: number;
  @Field(() => HorizonUnit) unit!: HorizonUnit;
}

@InputType()
export class HorizonInput {
  @Field(() => Int) amount!: number;
  @Field(() => HorizonUnit) unit!: HorizonUnit;
}

/** Limits per local day and week (weeks from Monday); null = no limit. */
@ObjectType()
export class BookingLimits {
  @Field(() => Int, { nullable: true }) maxBookingsPerDay!: number | null;
  @Field(() => Int, { nullable: true }) maxBookingsPerWeek!: number | null;
  @Field(() => Int, { nullable: true }) maxMinutesPerDay!: number | null;
  @Field(() => Int, { nullable: true }) maxMinutesPerWeek!: number | null;
}

@InputType()
export class BookingLimitsInput {
  @Field(() => Int, { nullable: true }) maxBookingsPerDay?: number | null;
  @Field(() => Int, { nullable: true }) maxBookingsPerWeek?: number | null;
  @Field(() => Int, { nullable: true }) maxMinutesPerDay?: number | null;
  @Field(() => Int, { nullable: true }) maxMinutesPerWeek?: number | null;
}

/** How one service is scheduled beyond its duration and buffer after. */
@ObjectType()
export class ServiceScheduling extends BookingLimits {
  @Field(() => ID) serviceId!: string;
  @Field(() => Int, { nullable: true, description: 'Minutes between slot starts; null = the duration.' }) intervalMinutes!: number | null;
  @Field(() => Int) bufferBeforeMinutes!: number;
  @Field(() => Int, { nullable: true, description: "Null = the provider's minNoticeMinutes." }) minNoticeMinutes!: number | null;
  @Field(() => Horizon, { nullable: true, description: "Null = the provider's maxAdvanceDays." }) horizon!: Horizon | null;
  @Field(() => Int, { description: 'Bookings one start can take (a group class); 1 = one customer per slot.' }) capacity!: number;
  @Field(() => Int, { nullable: true, description: 'How often one booking may be moved; null = no limit.' }) maxReschedules!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rescheduling closes this many minutes before the start; null = the platform rule.' })
  rescheduleNoticeMinutes!: number | null;
}

@InputType()
export class ServiceSchedulingInput extends BookingLimitsInput {
  @Field(() => Int, { nullable: true }) intervalMinutes?: number | null;
  @Field(() => Int, { nullable: true }) bufferBeforeMinutes?: number | null;
  @Field(() => Int, { nullable: true }) minNoticeMinutes?: number | null;
  @Field(() => HorizonInput, { nullable: true }) horizon?: HorizonInput | null;
  @Field(() => Int, { nullable: true }) capacity?: number | null;
  @Field(() => Int, { nullable: true }) maxReschedules?: number | null;
  @Field(() => Int, { nullable: true }) rescheduleNoticeMinutes?: number | null;
}

/** A provider's scheduling settings; `exceptions(from, to)` is resolved on demand. */
@ObjectType()
export class AvailabilitySettings {
  providerId!: string;
  @Field(() => String) timeZone!: string;
  @Field(() => [AvailabilityRule]) rules!: AvailabilityRule[];
  @Field(() => Int) minNoticeMinutes!: number;
  @Field(() => Int) maxAdvanceDays!: number;
}

@InputType()
export class AvailabilitySettingsInput {
  @Field(() => String, {
    nullable: true,
    description: "The provider's one time zone (the same as ProviderProfileInput.timeZone); unchanged when omitted.",
  })
  timeZone?: string | null;
  @Field(() => [AvailabilityRuleInput]) rules!: AvailabilityRuleInput[];
  @Field(() => Int, { nullable: true }) minNoticeMinutes?: number | null;
  @Field(() => Int, { nullable: true }) maxAdvanceDays?: number | null;
}
