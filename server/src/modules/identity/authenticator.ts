// Turns the Authorization header into a Viewer: our own access tokens, API keys, or
// Supabase-issued JWTs (mapped to a local user by `sub`, then email, created on first sight).
import { jwtVerify } from 'jose';
import { DomainError } from '../../domain-error';
import type { Db } from '../../infra/database';
import type { ApiKeysService } from './api-keys.service';
import type { SessionStateCache } from './session-state';
import type { AccessTokens } from './tokens';
import type { Viewer } from './viewer';

export class Authenticator {
  private readonly supabaseKey: Uint8Array | null;

  constructor(
    private readonly prisma: Db,
    private readonly tokens: AccessTokens,
    private readonly apiKeys: ApiKeysService,
    private readonly sessionState: SessionStateCache,
    supabaseJwtSecret: string | undefined,
  ) {
    this.supabaseKey = supabaseJwtSecret ? new TextEncoder().encode(supabaseJwtSecret) : null;
  }

  /** null for anonymous callers; throws UNAUTHENTICATED for credentials that are present but not valid. */
  async viewerFrom(authorization: string | undefined | null): Promise<Viewer | null> {
    if (!authorization) return null;
    const [scheme, credential] = authorization.trim().split(/\s+/, 2);
    if (!credential) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>" or "ApiKey <secret>"');
    if (scheme?.toLowerCase() === 'apikey') return this.fromApiKey(credential);
    if (scheme?.toLowerCase() === 'bearer') return this.fromBearer(credential);
    throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>" or "ApiKey <secret>"');
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
    const supabase = await this.fromSupabase(token);
    if (supabase) return supabase;
    throw new DomainError('UNAUTHENTICATED', 'The access token is not valid; sign in again');
  }

  private async fromSupabase(token: string): Promise<Viewer | null> {
    if (!this.supabaseKey) return null;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.supabaseKey, { audience: 'authenticated', algorithms: ['HS256'] }));
    } catch {
      return null;
    }
    const sub = payload.sub;
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : null;
    if (!sub || !email) return null;
    const user = await this.supabaseUser(sub, email, payload.user_metadata);
    if (user.suspended) throw new DomainError('UNAUTHENTICATED', 'This account is suspended; contact support');
    return { userId: user.id, role: user.role, sessionId: null, apiKey: null };
  }

  private async supabaseUser(sub: string, email: string, metadata: unknown) {
    const bySub = await this.prisma.user.findUnique({ where: { supabaseId: sub } });
    if (bySub) return bySub;
    const meta = (metadata ?? {}) as Record<string, unknown>;
    const name = [meta.full_name, meta.name].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? email.split('@')[0]!;
    // Upsert by email links an existing local account, or creates one, in one statement.
    return this.prisma.user.upsert({
      where: { email },
      update: { supabaseId: sub },
      create: { email, name, supabaseId: sub },
    });
  }
}
