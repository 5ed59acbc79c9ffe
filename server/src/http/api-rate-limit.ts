// One request budget per caller per minute for /graphql (RATE_LIMIT_API_PER_MINUTE), spent
// by HTTP requests and WebSocket operations alike: keyed by the credential when one is
// sent (a user's token or an API key), else by IP. Refused with RATE_LIMITED and when to retry.
import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import { refusalBody } from '../graphql/error-wire';
import type { RateLimiterFactory } from '../infra/rate-limiter';

export interface ApiBudget {
  /** Spends one request; null when allowed, else the seconds to wait. */
  spend(credential: string | undefined, ip: string): Promise<number | null>;
}

export function apiBudget(rateLimiter: RateLimiterFactory, perMinute: number): ApiBudget {
  const limiter = rateLimiter({ name: 'api', points: perMinute, durationSeconds: 60 });
  return {
    async spend(credential, ip) {
      // Hashed: a raw token must not become a Redis key.
      const key = credential ? `cred:${createHash('sha256').update(credential).digest('hex').slice(0, 32)}` : `ip:${ip}`;
      const { allowed, retryAfterMs } = await limiter.consume(key);
      return allowed ? null : Math.ceil(retryAfterMs / 1000);
    },
  };
}

export const rateLimitedMessage = (retryAfterSeconds: number) => `Too many requests; try again in ${retryAfterSeconds} seconds`;

export function apiRateLimit(budget: ApiBudget): RequestHandler {
  return async (req, res, next) => {
    const retryAfterSeconds = await budget.spend(req.headers.authorization, req.ip ?? 'unknown');
    if (retryAfterSeconds === null) return next();
    const refused = refusalBody('RATE_LIMITED', rateLimitedMessage(retryAfterSeconds), { retryAfterSeconds });
    res.status(refused.status).set('Retry-After', String(retryAfterSeconds)).json(refused.body);
  };
}
