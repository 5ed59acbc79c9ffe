// The WebSocket side, loaded on the first subscription: one graphql-ws client per page,
// authenticated with the current access token, restarted when another person signs in.
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { sessionStore } from '../auth/session-store';
import { graphqlWsUrl } from './api-url';

let link: GraphQLWsLink | undefined;

export function wsLink(): GraphQLWsLink {
  if (link) return link;
  const client = createClient({
    url: graphqlWsUrl(),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: () => {
      const token = sessionStore.get()?.accessToken;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  // Another person signed in or out: their subscriptions must not outlive them.
  let signedInAs = sessionStore.get()?.user.id ?? null;
  sessionStore.subscribe((session) => {
    const now = session?.user.id ?? null;
    if (now === signedInAs) return;
    signedInAs = now;
    client.terminate();
  });
  return (link = new GraphQLWsLink(client));
}
