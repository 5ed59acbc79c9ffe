// The signed-in session, in memory only: the access token never touches storage (the
// refresh token lives in an httpOnly cookie). A flag in localStorage only says "try to
// restore on load", so anonymous visitors make no refresh request.
import type { ViewerFragment } from '../../gql/graphql';

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: ViewerFragment;
}

const RESTORE_FLAG = 'homeser.signedIn';
let current: Session | null = null;
const listeners = new Set<(session: Session | null) => void>();

export const sessionStore = {
  get: (): Session | null => current,
  set(session: Session | null): void {
    current = session;
    try {
      if (session) localStorage.setItem(RESTORE_FLAG, '1');
      else localStorage.removeItem(RESTORE_FLAG);
    } catch {
      // storage may be off (private mode); restoring on load is then skipped
    }
    for (const listener of listeners) listener(session);
  },
  /** Replaces the user part (e.g. after a profile edit) without touching the token. */
  updateUser(user: ViewerFragment): void {
    if (current) sessionStore.set({ ...current, user });
  },
  mayRestore(): boolean {
    try {
      return localStorage.getItem(RESTORE_FLAG) === '1';
    } catch {
      return false;
    }
  },
  subscribe(listener: (session: Session | null) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
