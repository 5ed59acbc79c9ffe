// The real backend: Redis, shared by every instance. While Redis is away a read is a miss
// and a write a no-op (the breaker answers at once, see redis-link.ts); a lost
// invalidation is logged, and the entries it missed expire by their TTL.
import type { Logger } from '../logger';
import type { RedisLink } from '../redis/redis-link';
import type { Cache } from './cache';

export function createRedisCache(link: RedisLink, prefix: string, log: Logger): Cache {
  const k = (key: string) => `${prefix}cache:${key}`;
  const v = (name: string) => `${prefix}version:${name}`;
  return {
    get: <T>(key: string) =>
      link.run<T | undefined>(undefined, async (redis) => {
        const raw = await redis.get(k(key));
        return raw === null ? undefined : (JSON.parse(raw) as T);
      }),
    set: (key, value, ttlSeconds) =>
      link.run(undefined, async (redis) => void (await redis.set(k(key), JSON.stringify(value), 'EX', Math.max(1, ttlSeconds)))),
    delete: (...keys) =>
      link.run(undefined, async (redis) => {
        if (keys.length) await redis.del(...keys.map(k));
      }),
    // -1 while Redis is away: keys built from it are never stored, so every read computes.
    version: (name) => link.run(-1, async (redis) => Number((await redis.get(v(name))) ?? 0)),
    bump: async (...names) => {
      if (!names.length) return;
      const done = await link.attempt(async (redis) => {
        const replies = await names.reduce((pipeline, name) => pipeline.incr(v(name)), redis.pipeline()).exec();
        const failed = replies?.find(([err]) => err)?.[0];
        if (failed) throw failed;
      });
      if (!done.ok) log.warn({ names }, 'cache invalidation failed; entries expire by TTL');
    },
  };
}
