// The real backend: Redis, shared by every instance. Any Redis failure is a miss
// (reads) or a no-op (writes); invalidation failures are logged.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Cache } from './cache';

export function createRedisCache(redis: Redis, prefix: string, log: Logger): Cache {
  const k = (key: string) => `${prefix}cache:${key}`;
  const v = (name: string) => `${prefix}version:${name}`;
  const quiet = async <T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      log.debug({ err: (err as Error).message, what }, 'cache unavailable');
      return fallback;
    }
  };
  return {
    get: <T>(key: string) =>
      quiet<T | undefined>('get', undefined, async () => {
        const raw = await redis.get(k(key));
        return raw === null ? undefined : (JSON.parse(raw) as T);
      }),
    set: (key, value, ttlSeconds) =>
      quiet('set', undefined, async () => void (await redis.set(k(key), JSON.stringify(value), 'EX', Math.max(1, ttlSeconds)))),
    delete: (...keys) =>
      quiet('delete', undefined, async () => {
        if (keys.length) await redis.del(...keys.map(k));
      }),
    version: (name) => quiet('version', -1, async () => Number((await redis.get(v(name))) ?? 0)),
    bump: async (name) => {
      try {
        await redis.incr(v(name));
      } catch (err) {
        log.warn({ err: (err as Error).message, name }, 'cache invalidation failed; entries expire by TTL');
      }
    },
  };
}
