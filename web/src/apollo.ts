import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// VITE_API_URL points at an API on another origin (e.g. the SPA on Vercel); same origin otherwise.
const apiUrl = import.meta.env.VITE_API_URL ?? '';

export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: `${apiUrl}/graphql` }),
  cache: new InMemoryCache(),
});
