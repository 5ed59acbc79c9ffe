// The one place errors become what clients see, over HTTP and WebSocket alike: a contract
// ErrorCode and a message a person can act on. No stack traces, no SQL, no "Did you mean"
// hints about the schema. Unknown errors become INTERNAL_SERVER_ERROR and are logged.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { DomainError } from '../domain-error';
import { isErrorCode, type ErrorCode } from '../error-codes';
import type { Logger } from '../infra/logger';
import { isDatabaseUnreachable } from '../infra/database/unreachable';

/**
 * The HTTP status of a request refused as a whole with this code (an error inside an
 * executed operation keeps 200, as GraphQL over HTTP has it). Exhaustive: a new code does
 * not compile until it is placed here.
 */
const REFUSAL_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_UNAVAILABLE: 409,
  INVALID_TRANSITION: 409,
  PAYMENT_FAILED: 402,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  OPERATION_RESOLUTION_FAILURE: 400,
};

export const INTERNAL_MESSAGE = 'Something went wrong on our side; please try again. If it keeps happening, quote the request id.';
export const UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; please try again in a few seconds.';
/** Seconds a client is asked to wait when the database cannot be reached. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/** A request refused before it runs: a GraphQL error with its code and HTTP status. */
export function refusal(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code, http: { status: REFUSAL_STATUS[code] } } });
}

export const refusalOf = (err: DomainError): GraphQLError => refusal(err.code, err.message, err.details);

/** The database cannot be reached before the operation even starts (e.g. checking a session). */
export function unavailable(): GraphQLError {
  const headers = new Map([['retry-after', String(UNAVAILABLE_RETRY_SECONDS)]]);
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      http: { status: REFUSAL_STATUS.SERVICE_UNAVAILABLE, headers },
    },
  });
}

/** The JSON body of a refusal outside GraphQL's own handling (body parsing, rate limits). */
export function refusalBody(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
  return { status: REFUSAL_STATUS[code], body: { errors: [{ message, extensions: { ...details, code } }] } };
}

// graphql-armor's limits surface as validation errors; the contract names them.
const TOO_COMPLEX = /depth limit|aliases limit|cost limit|directives limit|token limit/i;
const SUGGESTION = / ?Did you mean .+?\?/g;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message.replace(SUGGESTION, ''), locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof ArgumentValidationError) {
    return { ...base, message: 'The input is not valid', extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original instanceof AuthenticationError) {
    return { ...base, message: 'Sign in to do this', extensions: { code: 'UNAUTHENTICATED' } };
  }
  if (original instanceof AuthorizationError) {
    return { ...base, message: 'You are not allowed to do this', extensions: { code: 'FORBIDDEN' } };
  }
  if (TOO_COMPLEX.test(base.message)) {
    return { ...base, message: base.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _drop, http: _status, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code } };
  }
  if (isDatabaseUnreachable(original)) {
    return {
      ...base,
      message: UNAVAILABLE_MESSAGE,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
    };
  }
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Whether an error is ours, not the client's: it is logged with the request id. */
export function isUnexpected(error: GraphQLError): boolean {
  const cause = error.originalError;
  if (isDatabaseUnreachable(cause)) return false; // an outage, reported by /readyz, not a bug per request
  const clients =
    cause instanceof DomainError ||
    cause instanceof AuthenticationError ||
    cause instanceof AuthorizationError ||
    cause instanceof ArgumentValidationError ||
    ((!cause || cause instanceof GraphQLError) && Boolean(error.extensions?.code));
  return !clients;
}

/** Logs what is ours and puts the request id on INTERNAL_SERVER_ERROR so a person can quote it. */
export function reportErrors(
  errors: readonly GraphQLError[],
  formatted: readonly GraphQLFormattedError[],
  request: { requestId: string; log?: Logger; operationName?: string | null },
): void {
  for (const error of errors) {
    if (isUnexpected(error)) {
      request.log?.error({ err: error.originalError ?? error, operationName: request.operationName, path: error.path }, 'unexpected error');
    }
  }
  for (const error of formatted) {
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') (error.extensions as Record<string, unknown>).requestId = request.requestId;
  }
}
