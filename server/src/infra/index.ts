// Opens every adapter once, each as its embedded default or its real backend by config.
// Code above infra/ receives these ports and cannot tell which backend it has.
import type { Config } from '../config';
import type { Cache } from './cache/cache';
import { createMemoryCache } from './cache/memory-cache';
import { createRedisCache } from './cache/redis-cache';
import { openDatabase, type Database, type Db } from './database';
import { DomainEventBus } from './domain-events';
import type { Logger } from './logger';
import { createAppPubSub, type AppPubSub } from './pubsub';
import { rateLimiterFactory, type RateLimiterFactory } from './rate-limiter';
import { RedisLink, redisReady, type RedisState } from './redis/redis-link';

export interface Infra {
  config: Config;
  log: Logger;
  database: Database;
  prisma: Db;
  cache: Cache;
  pubsub: AppPubSub;
  rateLimiter: RateLimiterFactory;
  events: DomainEventBus;
  redis: RedisLink | null;
  /** Database reachable, and Redis up or degraded (its users fall back), for /readyz. */
  ready(): Promise<{ database: boolean; redis: RedisState | null }>;
  close(): Promise<void>;
}

export async function openInfra(config: Config, log: Logger): Promise<Infra> {
  const database = await openDatabase(config, log);
  const redis = config.redis.url ? new RedisLink(config.redis.url, log) : null;
  if (redis && !(await redisReady(redis))) log.warn('starting without Redis for now: it is used once it answers');
  const { pubsub } = createAppPubSub(redis ? { link: redis, log } : undefined);
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
      return { database: db, redis: redis ? redis.state : null };
    },
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}
