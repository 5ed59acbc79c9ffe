import { ApolloClient, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { sessionStore } from '../auth/session-store';
import { appLink } from './links';

export const apolloClient = new ApolloClient({
  link: appLink(),
  cache: new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          services: relayStylePagination(['filter', 'orderBy']),
          myBookings: relayStylePagination(['status']),
          notifications: relayStylePagination(['unreadOnly']),
        },
      },
      Provider: { fields: { reviews: relayStylePagination(), services: relayStylePagination() } },
    },
  }),
});

// Another person signed in or out: nothing of what the last person saw stays in the cache.
let signedInAs = sessionStore.get()?.user.id ?? null;
sessionStore.subscribe((session) => {
  const now = session?.user.id ?? null;
  if (now === signedInAs) return;
  signedInAs = now;
  void apolloClient.resetStore().catch(() => undefined);
});
