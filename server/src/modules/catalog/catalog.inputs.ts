// The catalog's GraphQL inputs and the list order. Shapes only: the services check values.
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ServiceOrder } from './service-order';
import type { ServicesFilter } from './services-query';

export { ServiceOrder };
registerEnumType(ServiceOrder, {
  name: 'ServiceOrder',
  valuesConfig: {
    RELEVANCE: { description: 'Best text match first; the same as NEWEST without a search.' },
    RATING: { description: "The provider's average rating, highest first; unrated providers last." },
  },
});

@InputType()
export class ServiceFilter implements ServicesFilter {
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) providerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Words to look for; tolerates typos in titles.' }) search?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => Int, { nullable: true, description: 'Minor units, inclusive.' }) minPrice?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minor units, inclusive.' }) maxPrice?: number | null;
  @Field(() => Date, { nullable: true, description: 'Only services with at least one free slot in this window.' })
  availableFrom?: Date | null;

  @Field(() => Date, { nullable: true }) availableTo?: Date | null;
}

@InputType()
export class ServiceInput {
  @Field(() => ID) categoryId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => Int, { description: 'Minor units (poisha for BDT).' }) priceAmount!: number;
  @Field(() => String, { nullable: true, description: 'ISO 4217; BDT when omitted.' }) currency?: string | null;
  @Field(() => Int, { description: 'A multiple of 5 from 15 to 480.' }) durationMinutes!: number;
  @Field(() => Int, { nullable: true, description: 'Kept free after each booking, 0 to 240.' }) bufferMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) instantBooking?: boolean | null;
  @Field(() => String, { nullable: true }) terms?: string | null;
}

@InputType()
export class ServiceUpdateInput {
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true }) priceAmount?: number | null;
  @Field(() => Int, { nullable: true }) durationMinutes?: number | null;
  @Field(() => Int, { nullable: true }) bufferMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) instantBooking?: boolean | null;
  @Field(() => String, { nullable: true, description: 'An empty string clears the terms.' }) terms?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false takes the service off the catalog; true puts it back.' })
  active?: boolean | null;
}

@InputType()
export class ProviderProfileInput {
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) bio?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { description: 'IANA time zone, e.g. Asia/Dhaka.' }) timeZone!: string;
}
