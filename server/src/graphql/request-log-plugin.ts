// Logs every error a client did not cause (INTERNAL_SERVER_ERROR) with its request id,
// and puts the request id on such errors so a person can quote it.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { DomainError } from '../domain-error';
import type { AppContext } from './context';

export const requestLogPlugin: ApolloServerPlugin<AppContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          // Domain errors and GraphQL's own (parse, validation, auth) are the client's; the rest are ours.
          const cause = error.originalError;
          const expected =
            cause instanceof DomainError ||
            cause instanceof AuthenticationError ||
            cause instanceof AuthorizationError ||
            cause instanceof ArgumentValidationError ||
            ((!cause || cause instanceof GraphQLError) && Boolean(error.extensions?.code));
          if (!expected) {
            contextValue.log?.error({ err: error.originalError ?? error, operationName, path: error.path }, 'unexpected error');
          }
        }
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        }
      },
    };
  },
};
