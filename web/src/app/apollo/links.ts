// The link chain: subscriptions over graphql-ws; public catalog reads as GET with
// persisted-query hashes and no credentials; everything else POSTed with the viewer's
// access token, refreshed through the httpOnly cookie once on UNAUTHENTICATED.
import { ApolloLink, HttpLink, type Operation } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Kind, OperationTypeNode } from 'graphql';
import { from, mergeMap, Observable, throwError } from 'rxjs';
import { sessionStore } from '../auth/session-store';
import { graphqlHttpUrl } from './api-url';
import { isPublicRead } from './public-reads';
import { refreshAccessToken } from './refresh';
import { sha256Hex } from './sha256';

/** Operations that sign in: their UNAUTHENTICATED means "wrong password", not "token expired". */
const SIGN_IN_OPERATIONS = new Set(['Login', 'Register', 'RefreshSession', 'Logout']);

const isSubscription = (operation: Operation) =>
  operation.query.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);

/**
 * Apollo's persisted-query link resends an unknown hash with its query, restoring the
 * fetch options it started with, i.e. a POST (HttpLink's default). The server's edge cache
 * only sees GETs, and learns from a GET with query and hash that the hash is a public read
 * it may keep: without that, every later hash-only GET misses it. Catalog queries are
 * short, so every public read, the retry included, is a GET.
 */
const alwaysGet = new ApolloLink((operation, forward) => {
  operation.setContext(({ fetchOptions }: { fetchOptions?: RequestInit }) => ({ fetchOptions: { ...fetchOptions, method: 'GET' } }));
  return forward(operation);
});

export function publicReadLink(): ApolloLink {
  return ApolloLink.from([
    new PersistedQueryLink({ sha256: sha256Hex, useGETForHashedQueries: true }),
    alwaysGet,
    new HttpLink({ uri: graphqlHttpUrl, credentials: 'omit', headers: { 'apollo-require-preflight': 'true' } }),
  ]);
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

/** graphql-ws is downloaded with the first subscription, not with the first page. */
const subscriptionLink = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((observer) => {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      void import('./ws-link').then(
        ({ wsLink }) => {
          if (!closed) inner = wsLink().request(operation)?.subscribe(observer);
        },
        (error: unknown) => observer.error(error),
      );
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    }),
);

export function appLink(): ApolloLink {
  const privateHttp = ApolloLink.from([refreshOnUnauthenticated, authLink, new HttpLink({ uri: graphqlHttpUrl, credentials: 'include' })]);
  return ApolloLink.split(
    isSubscription,
    subscriptionLink,
    ApolloLink.split((operation) => isPublicRead(operation.query), publicReadLink(), privateHttp),
  );
}
