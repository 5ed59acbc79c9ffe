// Who is signed in, for every screen: restores the session from the refresh cookie on
// load, and offers sign in, register and sign out.
import { useMutation } from '@apollo/client/react';
import { createContext, use, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  LoginDocument,
  LogoutDocument,
  RegisterDocument,
  RevokeAllSessionsDocument,
  type RegisterInput,
  type ViewerFragment,
} from '../../gql/graphql';
import { refreshAccessToken } from '../apollo/refresh';
import { sessionStore } from './session-store';

interface Auth {
  /** null when signed out; undefined while a saved session is being restored. */
  viewer: ViewerFragment | null | undefined;
  signIn(email: string, password: string): Promise<ViewerFragment>;
  register(input: RegisterInput): Promise<ViewerFragment>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<number>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const [restoring, setRestoring] = useState(() => sessionStore.mayRestore() && !sessionStore.get());
  const [login] = useMutation(LoginDocument);
  const [registerMutation] = useMutation(RegisterDocument);
  const [logout] = useMutation(LogoutDocument);
  const [revokeAll] = useMutation(RevokeAllSessionsDocument);

  useEffect(() => {
    if (restoring) void refreshAccessToken().finally(() => setRestoring(false));
  }, [restoring]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { data } = await login({ variables: { email, password } });
      if (!data) throw new Error('Signing in did not answer; try again');
      const auth = data.login;
      sessionStore.set({ accessToken: auth.accessToken, expiresAt: Date.parse(auth.accessTokenExpiresAt), user: auth.user });
      return auth.user;
    },
    [login],
  );

  const register = useCallback(
    async (input: RegisterInput) => {
      const { data } = await registerMutation({ variables: { input } });
      if (!data) throw new Error('Registering did not answer; try again');
      const auth = data.register;
      sessionStore.set({ accessToken: auth.accessToken, expiresAt: Date.parse(auth.accessTokenExpiresAt), user: auth.user });
      return auth.user;
    },
    [registerMutation],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      sessionStore.set(null);
    }
  }, [logout]);

  const signOutEverywhere = useCallback(async () => {
    try {
      const { data } = await revokeAll();
      return data?.revokeAllSessions ?? 0;
    } finally {
      sessionStore.set(null);
    }
  }, [revokeAll]);

  const value = useMemo<Auth>(
    () => ({ viewer: restoring ? undefined : (session?.user ?? null), signIn, register, signOut, signOutEverywhere }),
    [restoring, session, signIn, register, signOut, signOutEverywhere],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = use(AuthContext);
  if (!auth) throw new Error('useAuth needs <AuthProvider> above it');
  return auth;
}
