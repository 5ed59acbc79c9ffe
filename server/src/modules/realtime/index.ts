// Realtime: the change feed (stamper, doorbells, per-instance hub) and the subscriptions
// built on it: bookingUpdated, availabilityChanged, notificationAdded.
import type { PubSub } from 'type-graphql';
import type { Infra } from '../../infra';
import { createChangeFeed, type ChangeFeedOptions } from '../../infra/change-feed';
import type { SchedulingCatalog } from '../availability/catalog-port';
import type { BookingsService } from '../bookings/bookings.service';
import type { ModuleParts } from '../module';
import type { NotificationsService } from '../notifications/notifications.service';
import { RealtimeResolver } from './realtime.resolver';
import { RealtimeService, type RealtimeDeps } from './realtime.service';

export const realtimeResolvers = [RealtimeResolver] as const;

/**
 * For buildSchema's `pubSub`: TypeGraphQL requires one once a schema has subscriptions,
 * but every subscription here builds its own stream (`subscribe:`), so it is never used.
 */
export const unusedSchemaPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('Subscriptions build their own streams (modules/realtime); the schema pubSub is unused');
  },
};

export function realtimeModule(
  infra: Infra,
  deps: {
    bookings: BookingsService;
    catalog: SchedulingCatalog;
    notifications: NotificationsService;
    principals: RealtimeDeps['principals'];
  },
  options: ChangeFeedOptions = {},
) {
  const changeFeed = createChangeFeed(infra, options);
  const realtime = new RealtimeService({ feed: changeFeed.feed, ...deps, log: infra.log });
  const parts: ModuleParts = {
    bindings: [[RealtimeResolver, new RealtimeResolver(realtime)]],
    jobs: changeFeed.jobs,
    start: () => changeFeed.start(),
    stop: () => changeFeed.stop(),
  };
  return { realtime, changeFeed, parts };
}
