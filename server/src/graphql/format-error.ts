// The one place errors become what clients see: a contract ErrorCode and a message a
// person can act on. No stack traces, no SQL. Unknown errors are logged by request id.
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { DomainError } from '../domain-error';

const apolloCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'NOT_FOUND',
]);

export const INTERNAL_MESSAGE = 'Something went wrong on our side; please try again. If it keeps happening, quote the request id.';

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
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
  // graphql-armor's limits surface as validation errors; the contract names them.
  if (/depth limit|aliases limit|cost limit|directives limit|token limit/i.test(formatted.message)) {
    return { ...base, message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && apolloCodes.has(code)) {
    const { stacktrace: _drop, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code } };
  }
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
