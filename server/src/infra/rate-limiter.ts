// Rate limits: Redis-backed when REDIS_URL is set (shared by instances), in-process
// otherwise. While Redis is away each instance counts on its own: rate-limiter-flexible's
// insurance limiter when a Redis call fails, and the same limiter directly while the
// breaker knows Redis is down (no timeout paid per request).
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLink } from './redis/redis-link';

export interface RateLimiter {
  /** Spends one point for the key; `retryAfterMs` is set when the budget is used up. */
  consume(key: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
  reset(key: string): Promise<void>;
}

export interface RateLimitBudget {
  name: string;
  points: number;
  durationSeconds: number;
}

export type RateLimiterFactory = (budget: RateLimitBudget) => RateLimiter;

export function rateLimiterFactory(opts: { enabled: boolean; redis?: RedisLink; prefix: string }): RateLimiterFactory {
  return (budget) => {
    if (!opts.enabled) return { consume: async () => ({ allowed: true, retryAfterMs: 0 }), reset: async () => undefined };
    const memory = new RateLimiterMemory({ keyPrefix: budget.name, points: budget.points, duration: budget.durationSeconds });
    const link = opts.redis;
    const shared = link
      ? new RateLimiterRedis({
          storeClient: link.client,
          keyPrefix: `${opts.prefix}rl:${budget.name}`,
          points: budget.points,
          duration: budget.durationSeconds,
          insuranceLimiter: memory,
        })
      : null;
    const limiter = (): RateLimiterAbstract => (shared && link?.available ? shared : memory);
    return {
      async consume(key) {
        try {
          await limiter().consume(key);
          return { allowed: true, retryAfterMs: 0 };
        } catch (res) {
          if (res instanceof RateLimiterRes) return { allowed: false, retryAfterMs: res.msBeforeNext };
          throw res;
        }
      },
      async reset(key) {
        await memory.delete(key).catch(() => undefined);
        if (link) await link.run(undefined, async () => void (await shared?.delete(key)));
      },
    };
  };
}
