import type { ApiScope, Role } from '../../generated/prisma/enums';

/** Who is calling: a signed-in user, or an integrator's API key acting for its owner. */
export interface Viewer {
  userId: string;
  role: Role;
  /** The session of the access token; null for API keys and Supabase tokens. */
  sessionId: string | null;
  apiKey: { id: string; scopes: ApiScope[] } | null;
}
