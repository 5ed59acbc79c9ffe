import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExceptionKind } from '../../generated/prisma/enums';

registerEnumType(ExceptionKind, {
  name: 'ExceptionKind',
  valuesConfig: {
    BLOCKED: { description: 'The provider is away for this local date (or part of it).' },
    EXTRA: { description: 'Extra working hours on this local date.' },
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
