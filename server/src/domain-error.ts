// Errors the services raise. The code is one of the contract's ErrorCode values and the
// message is for a person: it says what to do. graphql/format-error.ts maps them once.
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SLOT_UNAVAILABLE'
  | 'INVALID_TRANSITION'
  | 'PAYMENT_FAILED'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra facts for the client, e.g. `{ field: 'email' }` or `{ retryAfterSeconds: 30 }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A BAD_USER_INPUT error naming the offending field. */
export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, { field });

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
