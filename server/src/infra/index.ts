// Opens every adapter once, each as its embedded default or its real backend by config.
// Code above infra/ receives these ports and cannot tell which backend it has.
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Cache } from './cache/cache';
import { createMemoryCache } from './cache/memory-cache';
import { createRedisCache } from './cache/redis-cache';
import { openDatabase, type Database, type Db } from './database';
import { DomainEventBus } from './domain-events';
import type { Logger } from './logger';
import { createAppPubSub, type AppPubSub } from './pubsub';
import { rateLimiterFactory, type RateLimiterFactory } from './rate-limiter';
import { connectRedis, redisReady } from './redis';

export interface Infra {
  config: Config;
  log: Logger;
  database: Database;
  prisma: Db;
  cache: Cache;
  pubsub: AppPubSub;
  rateLimiter: RateLimiterFactory;
  events: DomainEventBus;
  redis: Redis | null;
  /** Database and Redis reachable (for /readyz). */
  ready(): Promise<{ database: boolean; redis: boolean | null }>;
  close(): Promise<void>;
}

export async function openInfra(config: Config, log: Logger): Promise<Infra> {
  const database = await openDatabase(config, log);
  const redis = config.redis.url ? connectRedis(config.redis.url, log) : null;
  if (redis) await redisReady(redis).catch((err) => log.warn({ err: (err as Error).message }, 'starting without Redis for now'));
  const { pubsub, close: closePubSub } = createAppPubSub(config.redis.url);
  return {
    config,
    log,
    database,
    prisma: database.prisma,
    cache: redis ? createRedisCache(redis, config.redis.prefix, log) : createMemoryCache(),
    pubsub,
    rateLimiter: rateLimiterFactory({ enabled: config.rateLimit.enabled, redis: redis ?? undefined, prefix: config.redis.prefix }),
    events: new DomainEventBus(log),
    redis,
    async ready() {
      const db = await database.ping().then(
        () => true,
        () => false,
      );
      const r = redis
        ? await redis.ping().then(
            () => true,
            () => false,
          )
        : null;
      return { database: db, redis: r };
    },
    async close() {
      await closePubSub();
      redis?.disconnect();
      await database.close();
    },
  };
}
