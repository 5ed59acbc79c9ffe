// The operation policy on HTTP: Apollo runs the parse limit and validation rules itself
// (see app.ts); this plugin names each resolved operation for the request log, admits it
// and reports its errors.
import type { ApolloServerPlugin } from '@apollo/server';
import type { AppContext } from './context';
import { refusal, reportErrors, UNAVAILABLE_RETRY_SECONDS } from './error-wire';
import type { OperationPolicy } from './operation-policy';

export function apolloPipeline(policy: OperationPolicy): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, schema, document, request }) {
          if (!operation) return;
          // Apollo would run a subscription's resolver once and fail inside it: say where it runs.
          if (operation.operation === 'subscription') {
            throw refusal('BAD_REQUEST', 'Subscriptions run over WebSocket (graphql-ws) at /graphql, not over HTTP');
          }
          contextValue.noteOperation?.({ name: operation.name?.value ?? null, type: operation.operation });
          policy.admit({ context: contextValue, schema, document, operation, variables: request.variables });
        },
        async willSendResponse({ contextValue, response, errors, operationName }) {
          // Answers are per request (a viewer, a moment): no browser or proxy keeps them. The edge
          // cache in front replays anonymous public reads itself.
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
          if (response.body.kind !== 'single') return;
          const formatted = response.body.singleResult.errors ?? [];
          reportErrors(errors ?? [], formatted, { requestId: contextValue.requestId, log: contextValue.log, operationName });
          // The database is down: not the client's fault and not a bug; tell it when to retry.
          if (formatted.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
          }
        },
      };
    },
  };
}
