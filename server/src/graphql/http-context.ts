// Builds the AppContext of an HTTP request or a WebSocket operation.
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import type { Config } from '../config';
import { DomainError } from '../domain-error';
import type { Logger } from '../infra/logger';
import type { Authenticator } from '../modules/identity/authenticator';
import type { Viewer } from '../modules/identity/viewer';
import { noRefreshCookie, RequestLoaders, type AppContext, type RefreshCookie } from './context';

const REFRESH_COOKIE = 'homeser_refresh';
const REFRESH_COOKIE_DAYS = 30;

async function viewerOrReject(authenticator: Authenticator, authorization: string | undefined): Promise<Viewer | null> {
  try {
    return await authenticator.viewerFrom(authorization);
  } catch (err) {
    if (err instanceof DomainError) {
      throw new GraphQLError(err.message, { extensions: { ...err.details, code: err.code, http: { status: 401 } } });
    }
    throw err;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function refreshCookie(req: Request, res: Response, config: Config): RefreshCookie {
  const options = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.publicUrl.startsWith('https:'),
    path: '/graphql',
  };
  return {
    read: () => readCookie(req.headers.cookie, REFRESH_COOKIE),
    set: (token) => void res.cookie(REFRESH_COOKIE, token, { ...options, maxAge: REFRESH_COOKIE_DAYS * 86_400_000 }),
    clear: () => void res.clearCookie(REFRESH_COOKIE, options),
  };
}

export async function httpContext(
  req: Request,
  res: Response,
  authenticator: Authenticator,
  config: Config,
  log: Logger,
): Promise<AppContext> {
  const requestId = String(res.locals.requestId ?? '');
  return {
    requestId,
    viewer: await viewerOrReject(authenticator, req.headers.authorization),
    client: { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? null },
    refreshCookie: refreshCookie(req, res, config),
    loaders: new RequestLoaders(),
    log: log.child({ requestId }),
  };
}

/** Subscriptions authenticate with `connectionParams.authorization`, like the HTTP header. */
export async function wsContext(ctx: WsContext<Record<string, unknown>>, authenticator: Authenticator, log: Logger): Promise<AppContext> {
  const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  const requestId = crypto.randomUUID();
  return {
    requestId,
    viewer: await viewerOrReject(authenticator, typeof auth === 'string' ? auth : undefined),
    client: {
      ip:
        ctx.extra && 'request' in (ctx.extra as object)
          ? String((ctx.extra as { request: { socket: { remoteAddress?: string } } }).request.socket.remoteAddress)
          : 'unknown',
      userAgent: null,
    },
    refreshCookie: noRefreshCookie,
    loaders: new RequestLoaders(),
    log: log.child({ requestId }),
  };
}
