// The link chain: subscriptions over graphql-ws; public catalog reads as GET with
// persisted-query hashes and no credentials; everything else POSTed with the viewer's
// access token, refreshed through the httpOnly cookie once on UNAUTHENTICATED.
import { ApolloLink, HttpLink, type Operation } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { from, mergeMap, throwError } from 'rxjs';
import { sessionStore } from '../auth/session-store';
import { graphqlHttpUrl, graphqlWsUrl } from './api-url';
import { isPublicRead } from './public-reads';
import { refreshAccessToken } from './refresh';

/** Operations that sign in: their UNAUTHENTICATED means "wrong password", not "token expired". */
const SIGN_IN_OPERATIONS = new Set(['Login', 'Register', 'RefreshSession', 'Logout']);

const isSubscription = (operation: Operation) =>
  operation.query.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);

export function publicReadLink(): ApolloLink {
  return new PersistedQueryLink({ sha256: (query) => bytesToHex(sha256(utf8ToBytes(query))), useGETForHashedQueries: true }).concat(
    new HttpLink({ uri: graphqlHttpUrl, credentials: 'omit', headers: { 'apollo-require-preflight': 'true' } }),
  );
}

const authLink = new SetContextLink((prev) => {
  const token = sessionStore.get()?.accessToken;
  return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
});

const refreshOnUnauthenticated = new ErrorLink(({ error, operation, forward }) => {
  const expired =
    CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && sessionStore.get() !== null;
  if (!expired || SIGN_IN_OPERATIONS.has(operation.operationName ?? '') || operation.getContext().retriedAfterRefresh) return;
  return from(refreshAccessToken()).pipe(
    mergeMap((refreshed) => {
      if (!refreshed) return throwError(() => error);
      operation.setContext({ retriedAfterRefresh: true });
      return forward(operation);
    }),
  );
});

export function subscriptionClient(): Client {
  return createClient({
    url: graphqlWsUrl(),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: () => {
      const token = sessionStore.get()?.accessToken;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
}

export function appLink(ws: Client): ApolloLink {
  const privateHttp = ApolloLink.from([refreshOnUnauthenticated, authLink, new HttpLink({ uri: graphqlHttpUrl, credentials: 'include' })]);
  return ApolloLink.split(
    isSubscription,
    new GraphQLWsLink(ws),
    ApolloLink.split((operation) => isPublicRead(operation.query), publicReadLink(), privateHttp),
  );
}
