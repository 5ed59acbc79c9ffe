// Typed pub/sub for subscriptions: in-process by default, Redis across instances.
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import type { Logger } from './logger';
import { redisEventTarget } from './redis/redis-event-target';
import type { RedisLink } from './redis/redis-link';

/** Topic name → payload type. Modules add their topics here. */
export type Topics = {
  // Keyed by deployment (the Redis prefix): the channel becomes `change-event:<prefix>`.
  // One message per stamped batch, in position order: one PUBLISH per batch, not per event.
  'change-event': [deployment: string, batch: PublishedChange[]];
  // A session ended or an account's standing changed: live streams re-check their subscriber.
  'principal-changed': [deployment: string, change: PrincipalChange];
};

export interface PrincipalChange {
  userId: string | null;
  sessionIds: string[];
}

/** A stamped change_event row as published to subscribers. */
export interface PublishedChange {
  position: string;
  tableName: string;
  op: string;
  rowId: string;
  providerId: string | null;
  userId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type AppPubSub = PubSub<Topics>;

/** In-process without Redis; across instances through Redis (outages tolerated, see redis-event-target.ts). */
export function createAppPubSub(redis?: { link: RedisLink; log: Logger }): { pubsub: AppPubSub } {
  return { pubsub: redis ? createPubSub<Topics>({ eventTarget: redisEventTarget(redis.link, redis.log) }) : createPubSub<Topics>() };
}
