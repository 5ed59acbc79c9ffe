// Subscriptions. Each method only passes on the event its stream built; the streams come
// from RealtimeService (see subscription-entry.ts for how `subscribe` reaches it).
// Sign-in is checked in the service call (viewerOf), not with @Authorized: over
// graphql-ws TypeGraphQL's own refusal would reach the client without an error code.
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ApiScope } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { viewerOf } from '../../graphql/context';
import { Notification } from '../notifications/notifications.types';
import type { RealtimeService } from './realtime.service';
import { AvailabilityEvent, BookingEvent } from './realtime.types';
import { deliver, deliveryFor, opening } from './subscription-entry';

interface BookingArgs {
  id?: string | null;
  afterEventId?: string | null;
}

interface AvailabilityArgs {
  serviceId: string;
  afterEventId?: string | null;
}

@Resolver()
export class RealtimeResolver {
  constructor(readonly realtime: RealtimeService) {}

  @ForApiKeys(ApiScope.BOOKINGS_READ)
  @Subscription(() => BookingEvent, {
    description: "The viewer's bookings as customer or provider (admins: all); one booking when id is given.",
    subscribe: opening<RealtimeResolver, BookingArgs>((r, { args, context }) =>
      r.realtime.bookingUpdated(viewerOf(context), { id: args.id ?? null, afterEventId: args.afterEventId ?? null }, deliveryFor(context)),
    ),
  })
  bookingUpdated(
    @Root() event: BookingEvent,
    @Arg('id', () => ID, { nullable: true }) _id: string | null,
    @Arg('afterEventId', () => String, { nullable: true }) _afterEventId: string | null,
  ): BookingEvent {
    return deliver(this, event);
  }

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Subscription(() => AvailabilityEvent, {
    description: 'Public: free-slot changes for a service.',
    subscribe: opening<RealtimeResolver, AvailabilityArgs>((r, { args }) =>
      r.realtime.availabilityChanged({ serviceId: args.serviceId, afterEventId: args.afterEventId ?? null }),
    ),
  })
  availabilityChanged(
    @Root() event: AvailabilityEvent,
    @Arg('serviceId', () => ID) _serviceId: string,
    @Arg('afterEventId', () => String, { nullable: true }) _afterEventId: string | null,
  ): AvailabilityEvent {
    return deliver(this, event);
  }

  @Subscription(() => Notification, {
    subscribe: opening<RealtimeResolver, Record<string, never>>((r, { context }) =>
      r.realtime.notificationAdded(viewerOf(context), deliveryFor(context)),
    ),
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return deliver(this, notification);
  }
}
