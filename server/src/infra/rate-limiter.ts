// Rate limits: Redis-backed when REDIS_URL is set (shared by instances, with an
// in-memory insurance limiter while Redis is away), in-process otherwise.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

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

export function rateLimiterFactory(opts: { enabled: boolean; redis?: Redis; prefix: string }): RateLimiterFactory {
  return (budget) => {
    if (!opts.enabled) return { consume: async () => ({ allowed: true, retryAfterMs: 0 }), reset: async () => undefined };
    const memory = new RateLimiterMemory({ keyPrefix: budget.name, points: budget.points, duration: budget.durationSeconds });
    const limiter = opts.redis
      ? new RateLimiterRedis({
          storeClient: opts.redis,
          keyPrefix: `${opts.prefix}rl:${budget.name}`,
          points: budget.points,
          duration: budget.durationSeconds,
          insuranceLimiter: memory,
        })
      : memory;
    return {
      async consume(key) {
        try {
          await limiter.consume(key);
          return { allowed: true, retryAfterMs: 0 };
        } catch (res) {
          if (res instanceof RateLimiterRes) return { allowed: false, retryAfterMs: res.msBeforeNext };
          throw res;
        }
      },
      async reset(key) {
        await limiter.delete(key).catch(() => undefined);
      },
    };
  };
}
