// Builds the AppContext of an HTTP request or a WebSocket operation.
import type { Request, Response } from 'express';
import type { Config } from '../config';
import { DomainError } from '../domain-error';
import { noteOperation } from '../http/request-log';
import type { Logger } from '../infra/logger';
import type { Authenticator } from '../modules/identity/authenticator';
import type { Viewer } from '../modules/identity/viewer';
import { noRefreshCookie, RequestLoaders, type AppContext, type RefreshCookie } from './context';
import { refusalOf, unavailable } from './error-wire';
import { isDatabaseUnreachable } from '../infra/database/unreachable';

const REFRESH_COOKIE = 'homeser_refresh';
const REFRESH_COOKIE_DAYS = 30;

async function viewerOrReject(authentication: Promise<Viewer | null>): Promise<Viewer | null> {
  try {
    return await authentication;
  } catch (err) {
    if (err instanceof DomainError) throw refusalOf(err);
    throw isDatabaseUnreachable(err) ? unavailable() : err;
  }
}

/**
 * Who an HTTP request authenticates as, decided once per request: the rate limit (which
 * spends the caller's budget) and the context share it.
 */
export function authenticationOf(req: Request, res: Response, authenticator: Authenticator): Promise<Viewer | null> {
  const locals = res.locals as { authentication?: Promise<Viewer | null> };
  return (locals.authentication ??= authenticator.viewerFrom(req.headers.authorization));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a mangled cookie is no cookie: the refresh then asks to sign in again
    }
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

/**
 * The browser's Origin when it is an SPA of ours: listed in WEB_ORIGINS, or this very server
 * under whatever name the customer used (127.0.0.1 and localhost are different origins).
 */
function appOrigin(req: Request, config: Config): string | null {
  const origin = req.headers.origin;
  if (!origin) return null;
  if (config.webOrigins.includes(origin)) return origin;
  try {
    return new URL(origin).host === req.headers.host ? origin : null;
  } catch {
    return null;
  }
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
    viewer: await viewerOrReject(authenticationOf(req, res, authenticator)),
    client: { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.headers['user-agent'] ?? null },
    refreshCookie: refreshCookie(req, res, config),
    appOrigin: appOrigin(req, config),
    loaders: new RequestLoaders(),
    log: log.child({ requestId }),
    noteOperation: (operation) => noteOperation(res, operation),
  };
}

/** WebSocket operations authenticate with `connectionParams.authorization`, like the HTTP header (see ws-pipeline.ts). */
export async function wsContext(connection: { ip: string; authentication: Promise<Viewer | null> }, log: Logger): Promise<AppContext> {
  const requestId = crypto.randomUUID();
  return {
    requestId,
    viewer: await viewerOrReject(connection.authentication),
    client: { ip: connection.ip, userAgent: null },
    refreshCookie: noRefreshCookie,
    appOrigin: null,
    loaders: new RequestLoaders(),
    log: log.child({ requestId }),
  };
}
