// Requests that never reach GraphQL still get a GraphQL-shaped JSON answer with a code and
// the right status, never Express's HTML error page (which carries a stack trace outside
// production): malformed JSON (400), a body over the limit (413), a POST that is not JSON
// (415), and anything else thrown before a handler answered (500, logged).
import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { INTERNAL_MESSAGE, refusalBody } from '../graphql/error-wire';
import type { Logger } from '../infra/logger';

/** POST /graphql must say it is JSON; anything else is 415 rather than an empty body. */
export const requireJsonPost: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  const refused = refusalBody('BAD_REQUEST', 'Send GraphQL requests as JSON with Content-Type: application/json', {
    reason: 'UNSUPPORTED_MEDIA_TYPE',
  });
  res.status(415).json(refused.body);
};

/**
 * express.json(), except for a body the edge response cache has already read off the socket
 * (an anonymous POST it could not answer): that text is parsed here, with the same strictness
 * and the same MALFORMED_JSON answer.
 */
export function jsonBody(limit: string, readBefore: (req: IncomingMessage) => string | undefined): RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    const text = readBefore(req);
    if (text === undefined) return parse(req, res, next);
    try {
      const first = text.trimStart()[0]; // body-parser's strict mode: objects and arrays only
      if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
      req.body = JSON.parse(text) as unknown;
    } catch (err) {
      return next(Object.assign(err as Error, { type: 'entity.parse.failed', status: 400 }));
    }
    next();
  };
}

const BODY_ERRORS: Record<string, { status: number; reason: string; message: string }> = {
  'entity.parse.failed': { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, reason: 'BODY_TOO_LARGE', message: 'The request body is too large; the limit is 1 MB' },
  'encoding.unsupported': { status: 415, reason: 'UNSUPPORTED_ENCODING', message: 'The request body’s encoding is not supported' },
  'charset.unsupported': { status: 415, reason: 'UNSUPPORTED_CHARSET', message: 'Send the request body as UTF-8' },
};

export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = BODY_ERRORS[String((err as { type?: unknown }).type)];
    if (known) {
      res.status(known.status).json(refusalBody('BAD_REQUEST', known.message, { reason: known.reason }).body);
      return;
    }
    const status = Number((err as { status?: unknown }).status);
    if (status >= 400 && status < 500) {
      res.status(status).json(refusalBody('BAD_REQUEST', 'The request could not be read').body);
      return;
    }
    const requestId = String(res.locals.requestId ?? '');
    log.error({ err, requestId, path: req.path }, 'unhandled request error');
    res.status(500).json(refusalBody('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, { requestId }).body);
  };
}
