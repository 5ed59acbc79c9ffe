// Typed pub/sub for subscriptions: in-process by default, Redis across instances.
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

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

export function createAppPubSub(redisUrl?: string): { pubsub: AppPubSub; close: () => Promise<void> } {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), close: async () => undefined };
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  publishClient.on('error', () => undefined);
  subscribeClient.on('error', () => undefined);
  const pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    pubsub,
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
