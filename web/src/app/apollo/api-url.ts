// VITE_API_URL points at an API on another origin (e.g. the SPA on Vercel); same origin otherwise.
export const apiOrigin = (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '');

export const graphqlHttpUrl = `${apiOrigin}/graphql`;

export function graphqlWsUrl(): string {
  const http = new URL(graphqlHttpUrl, window.location.href);
  http.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  return http.toString();
}
