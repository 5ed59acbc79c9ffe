// @Authorized() means "signed in"; @Authorized(Role.X, ...) means "signed in with one of
// these roles". Ownership ("your booking") is the services' job.
import { AuthenticationError, type AuthChecker } from 'type-graphql';
import type { AppContext } from './context';

export const authChecker: AuthChecker<AppContext> = ({ context }, roles) => {
  const viewer = context.viewer;
  // Anonymous callers are told to sign in (UNAUTHENTICATED), not FORBIDDEN, even on role-only fields.
  if (!viewer) throw new AuthenticationError();
  return roles.length === 0 || roles.includes(viewer.role);
};
