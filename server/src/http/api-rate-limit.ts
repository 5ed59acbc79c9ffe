// One request budget per caller per minute for /graphql (RATE_LIMIT_API_PER_MINUTE), spent
// by HTTP requests and WebSocket operations alike: keyed by whom the request authenticates
// as (the account, or the API key), else by IP. A credential that is not valid spends the
// IP's budget, so made-up Authorization headers buy no budget of their own, and a refreshed
// token no fresh one. Refused with RATE_LIMITED and when to retry.
import type { Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { refusalBody } from '../graphql/error-wire';
import type { RateLimiterFactory } from '../infra/rate-limiter';
import type { Viewer } from '../modules/identity/viewer';

export interface ApiBudget {
  /** Spends one request; null when allowed, else the seconds to wait. */
  spend(viewer: Viewer | null, ip: string): Promise<number | null>;
}

export function apiBudget(rateLimiter: RateLimiterFactory, perMinute: number): ApiBudget {
  const limiter = rateLimiter({ name: 'api', points: perMinute, durationSeconds: 60 });
  return {
    async spend(viewer, ip) {
      const key = !viewer ? `ip:${ip}` : viewer.apiKey ? `key:${viewer.apiKey.id}` : `user:${viewer.userId}`;
      const { allowed, retryAfterMs } = await limiter.consume(key);
      return allowed ? null : Math.ceil(retryAfterMs / 1000);
    },
  };
}

/**
 * What the edge response cache asks before replaying a hit: the anonymous caller's budget is
 * spent by IP, as Express's rate limit would (clientIp resolves X-Forwarded-For the same way).
 */
export function edgeAdmission(budget: ApiBudget, clientIp: (req: IncomingMessage) => string): (req: IncomingMessage) => Promise<boolean> {
  return async (req) => (await budget.spend(null, clientIp(req))) === null;
}

export const rateLimitedMessage = (retryAfterSeconds: number) => `Too many requests; try again in ${retryAfterSeconds} seconds`;

export function apiRateLimit(budget: ApiBudget, authenticate: (req: Request, res: Response) => Promise<Viewer | null>): RequestHandler {
  return async (req, res, next) => {
    // Refused credentials spend the IP's budget; the GraphQL context answers them UNAUTHENTICATED.
    const viewer = await authenticate(req, res).catch(() => null);
    const retryAfterSeconds = await budget.spend(viewer, req.ip ?? 'unknown');
    if (retryAfterSeconds === null) return next();
    const refused = refusalBody('RATE_LIMITED', rateLimitedMessage(retryAfterSeconds), { retryAfterSeconds });
    res.status(refused.status).set('Retry-After', String(retryAfterSeconds)).json(refused.body);
  };
}
