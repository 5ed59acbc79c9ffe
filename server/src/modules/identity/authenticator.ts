// Turns the Authorization header into a Viewer: our own access tokens, API keys, or
// Supabase-issued JWTs (see supabase-tokens.ts and supabase-accounts.ts).
import { DomainError } from '../../domain-error';
import type { ApiKeysService } from './api-keys.service';
import type { SessionStateCache } from './session-state';
import type { SupabaseAccounts } from './supabase-accounts';
import type { SupabaseTokens } from './supabase-tokens';
import type { AccessTokens } from './tokens';
import type { Viewer } from './viewer';

const badHeader = 'The Authorization header must be "Bearer <token>" or "ApiKey <secret>"';

export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly apiKeys: ApiKeysService,
    private readonly sessionState: SessionStateCache,
    private readonly supabaseTokens: SupabaseTokens,
    private readonly supabaseAccounts: SupabaseAccounts,
  ) {}

  /** null for anonymous callers; throws UNAUTHENTICATED for credentials that are present but not valid. */
  async viewerFrom(authorization: string | undefined | null): Promise<Viewer | null> {
    if (!authorization) return null;
    const [scheme, credential] = authorization.trim().split(/\s+/, 2);
    if (!credential) throw new DomainError('UNAUTHENTICATED', badHeader);
    if (scheme?.toLowerCase() === 'apikey') return this.fromApiKey(credential);
    if (scheme?.toLowerCase() === 'bearer') return this.fromBearer(credential);
    throw new DomainError('UNAUTHENTICATED', badHeader);
  }

  private async fromApiKey(secret: string): Promise<Viewer> {
    const key = await this.apiKeys.resolve(secret);
    if (!key) throw new DomainError('UNAUTHENTICATED', 'This API key is not valid or was revoked');
    return { userId: key.userId, role: key.role, sessionId: null, apiKey: { id: key.id, scopes: key.scopes } };
  }

  private async fromBearer(token: string): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    if (claims === 'expired')
      throw new DomainError('UNAUTHENTICATED', 'Your access token has expired; refresh the session', { reason: 'TOKEN_EXPIRED' });
    if (claims !== 'invalid') {
      const state = await this.sessionState.session(claims.sessionId);
      if (!state.active) throw new DomainError('UNAUTHENTICATED', 'This session has ended or the account is suspended; sign in again');
      return { userId: claims.userId, role: state.role, sessionId: claims.sessionId, apiKey: null };
    }
    const supabase = await this.supabaseTokens.verify(token);
    if (!supabase) throw new DomainError('UNAUTHENTICATED', 'The access token is not valid; sign in again');
    const user = await this.supabaseAccounts.userFor(supabase);
    if (user.suspended) throw new DomainError('UNAUTHENTICATED', 'This account is suspended; contact support');
    return { userId: user.id, role: user.role, sessionId: null, apiKey: null };
  }
}
