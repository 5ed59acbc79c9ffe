// One request budget per caller per minute for /graphql (RATE_LIMIT_API_PER_MINUTE): keyed
// by the credential when one is sent (a user's token or an API key), else by IP. Answers
// like GraphQL would, with RATE_LIMITED and when to retry.
import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import type { RateLimiterFactory } from '../infra/rate-limiter';

export function apiRateLimit(rateLimiter: RateLimiterFactory, perMinute: number): RequestHandler {
  const limiter = rateLimiter({ name: 'api', points: perMinute, durationSeconds: 60 });
  return async (req, res, next) => {
    const credential = req.headers.authorization;
    // Hashed: a raw token must not become a Redis key.
    const key = credential ? `cred:${createHash('sha256').update(credential).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
    const { allowed, retryAfterMs } = await limiter.consume(key);
    if (allowed) return next();
    const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
    res
      .status(429)
      .set('Retry-After', String(retryAfterSeconds))
      .json({
        errors: [
          {
            message: `Too many requests; try again in ${retryAfterSeconds} seconds`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
          },
        ],
      });
  };
}
