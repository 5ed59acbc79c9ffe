// The contract's ErrorCode, listed once. DomainError, the schema's ErrorCode enum and the
// wire mapper (graphql/error-wire.ts) all read this list; adding a code here is the only
// edit, and the mapper's exhaustive table fails to compile until it says what the code means.
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'SLOT_UNAVAILABLE',
  'INVALID_TRANSITION',
  'PAYMENT_FAILED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  // Apollo Server's own codes for requests that never reach a resolver.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const known = new Set<string>(ERROR_CODES);
export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && known.has(value);
