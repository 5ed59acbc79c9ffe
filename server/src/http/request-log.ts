// A request id on every request (kept from X-Request-Id when sane) and one log line per
// request: method, path, status, duration and, for /graphql, the operation's name and type.
import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../infra/logger';

export interface OperationNote {
  name: string | null;
  type: string;
}

/** Called by the GraphQL layer once it knows which operation a request runs. */
export const noteOperation = (res: Response, operation: OperationNote): void => {
  res.locals.operation = operation;
};

export const requestIds = (): RequestHandler => (req, res, next) => {
  const given = req.header('x-request-id');
  const id = given && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export const requestLogger =
  (log: Logger): RequestHandler =>
  (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: routers mounted on a path (app.use('/graphql', ...)) strip it from req.path.
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const operation = res.locals.operation as OperationNote | undefined;
      log.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path,
          ...(operation && { operationName: operation.name, operationType: operation.type }),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
