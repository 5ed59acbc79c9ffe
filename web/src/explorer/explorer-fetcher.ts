// How the explorer talks to the API: HTTP with the signed-in admin's token, or with an API
// key an integrator pasted (it wins when given), and subscriptions over graphql-ws with the
// same credentials. The schema comes from introspection where the server allows it, else
// from the published SDL (/schema.graphql), so the explorer works in production too.
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import { graphqlHttpUrl, graphqlWsUrl } from '../app/apollo/api-url';
import { sessionStore } from '../app/auth/session-store';
import { sentOperation } from './operation-name';

const schemaUrl = graphqlHttpUrl.replace(/\/graphql$/, '/schema.graphql');

/** The Authorization header to send: the pasted API key, else the session's token. */
export function authorization(apiKey: string): string | null {
  if (apiKey.trim()) return `ApiKey ${apiKey.trim()}`;
  const token = sessionStore.get()?.accessToken;
  return token ? `Bearer ${token}` : null;
}

export function explorerFetcher(apiKey: string): { fetcher: Fetcher; dispose: () => void } {
  const auth = () => authorization(apiKey);
  const wsClient = createClient({
    url: graphqlWsUrl(),
    lazy: true,
    connectionParams: () => {
      const value = auth();
      return value ? { authorization: value } : {};
    },
  });
  const send = createGraphiQLFetcher({
    url: graphqlHttpUrl,
    wsClient,
    // A fresh token per request: access tokens are short-lived.
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      const value = auth();
      if (value) headers.set('authorization', value);
      return fetch(input, { ...init, headers, credentials: 'omit' });
    },
  });
  // GraphiQL's parse of the editor can lag the text it sends (type, then run at once): the
  // toolkit would then miss a subscription and POST it, or send a name the text no longer has.
  const fetcher: Fetcher = (params, options) => {
    const { operationName, document } = sentOperation(params.query, params.operationName);
    return send({ ...params, operationName }, document ? { ...options, documentAST: document } : options);
  };
  return { fetcher, dispose: () => void wsClient.dispose() };
}

export type SchemaSource = 'introspection' | 'schema.graphql';

/** The schema by introspection when allowed for these credentials, else the published SDL. */
export async function loadSchema(apiKey: string): Promise<{ schema: GraphQLSchema; source: SchemaSource }> {
  const value = authorization(apiKey);
  try {
    const res = await fetch(graphqlHttpUrl, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', ...(value && { authorization: value }) },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const body = (await res.json()) as { data?: IntrospectionQuery };
    if (body.data?.__schema) return { schema: buildClientSchema(body.data), source: 'introspection' };
  } catch {
    // fall through to the published SDL
  }
  const sdl = await fetch(schemaUrl, { credentials: 'omit' });
  if (!sdl.ok) throw new Error(`The schema could not be loaded (${sdl.status}); reload the page to try again.`);
  return { schema: buildSchema(await sdl.text()), source: 'schema.graphql' };
}
