// Errors the services raise. The code is one of the contract's ErrorCode values and the
// message is for a person: it says what to do. graphql/error-wire.ts maps them once.
import type { ErrorCode } from './error-codes';

export type { ErrorCode };

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
