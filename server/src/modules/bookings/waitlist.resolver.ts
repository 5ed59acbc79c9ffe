// The waitlist of a full slot: join, leave, and the customer's own places in line.
import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { WaitlistStatus } from '../../generated/prisma/enums';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { Waitlist } from './waitlist';

registerEnumType(WaitlistStatus, {
  name: 'WaitlistStatus',
  valuesConfig: {
    WAITING: { description: 'In line for the slot.' },
    OFFERED: { description: 'A freed place was booked for them (see bookingId): pay or await the provider.' },
    LAPSED: { description: 'The offer ran out or was cancelled; the place went on to the next.' },
    LEFT: { description: 'They left the line.' },
  },
});

@ObjectType()
export class WaitlistEntry {
  @Field(() => ID) id!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => WaitlistStatus) status!: WaitlistStatus;
  @Field(() => Int, { nullable: true, description: '1 for the first in line; null once no longer waiting.' }) position!: number | null;
  @Field(() => ID, { nullable: true, description: 'The booking made when a place was offered.' }) bookingId!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@Resolver(() => WaitlistEntry)
export class WaitlistResolver {
  constructor(private readonly waitlist: Waitlist) {}

  @Authorized()
  @Mutation(() => WaitlistEntry, {
    description: 'Wait for a full slot; the first in line is offered a freed place (notification and email).',
  })
  joinWaitlist(@Arg('serviceId', () => ID) serviceId: string, @Arg('startsAt', () => Date) startsAt: Date, @Ctx() ctx: AppContext) {
    return this.waitlist.join(viewerOf(ctx), serviceId, startsAt);
  }

  @Authorized()
  @Mutation(() => Boolean)
  leaveWaitlist(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.waitlist.leave(viewerOf(ctx), id);
  }

  @Authorized()
  @Query(() => [WaitlistEntry], { description: 'Your places in waitlists, newest first.' })
  myWaitlist(@Ctx() ctx: AppContext) {
    return this.waitlist.mine(viewerOf(ctx));
  }
}
