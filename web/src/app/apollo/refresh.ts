// Refreshing the access token through the httpOnly cookie. One refresh at a time: requests
// that fail together wait for the same answer instead of rotating the token twice (a
// reused refresh token revokes the whole session).
import { print } from 'graphql';
import { RefreshSessionDocument, type RefreshSessionMutation } from '../../gql/graphql';
import { sessionStore } from '../auth/session-store';
import { graphqlHttpUrl } from './api-url';

let inFlight: Promise<boolean> | null = null;

export function refreshAccessToken(): Promise<boolean> {
  inFlight ??= requestRefresh().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function requestRefresh(): Promise<boolean> {
  try {
    const response = await fetch(graphqlHttpUrl, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: 'RefreshSession', query: print(RefreshSessionDocument) }),
    });
    const result = (await response.json()) as { data?: RefreshSessionMutation | null };
    const auth = result.data?.refreshSession;
    if (!auth) {
      sessionStore.set(null);
      return false;
    }
    sessionStore.set({ accessToken: auth.accessToken, expiresAt: Date.parse(auth.accessTokenExpiresAt), user: auth.user });
    return true;
  } catch {
    // Offline or the server is down: keep the session; the next request will tell.
    return false;
  }
}
