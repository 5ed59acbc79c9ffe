// Supabase Auth access tokens. A project signs them with an asymmetric key published in its
// JWKS (ES256/RS256, identified by `kid`) or, on older projects, with the shared HS256 JWT
// secret; either way they come from `<SUPABASE_URL>/auth/v1` for the `authenticated` audience.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';

export interface SupabaseClaims {
  sub: string;
  email: string | null;
  /**
   * Only the top-level `email_verified` claim counts (a Custom Access Token Hook adds it).
   * `user_metadata` is writable by the user, so its `email_verified` proves nothing.
   */
  emailVerified: boolean;
  /** Display name from user_metadata (full_name or name), when given. */
  name: string | null;
}

export interface SupabaseAuthConfig {
  url?: string;
  jwtSecret?: string;
}

const AUDIENCE = 'authenticated';
const ASYMMETRIC = ['ES256', 'RS256'];

export class SupabaseTokens {
  private readonly issuer: string | null;
  private readonly secret: Uint8Array | null;
  // jose caches the key set (10 minutes) and refetches at most every 30 s on an unknown kid.
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(config: SupabaseAuthConfig) {
    this.issuer = config.url ? `${config.url.replace(/\/$/, '')}/auth/v1` : null;
    this.secret = config.jwtSecret && this.issuer ? new TextEncoder().encode(config.jwtSecret) : null;
    this.jwks = this.issuer ? createRemoteJWKSet(new URL(`${this.issuer}/.well-known/jwks.json`)) : null;
  }

  /** The claims of a valid Supabase token; null for anything else. */
  async verify(token: string): Promise<SupabaseClaims | null> {
    if (!this.issuer) return null;
    let payload: JWTPayload;
    try {
      const { alg } = decodeProtectedHeader(token);
      const options = { issuer: this.issuer, audience: AUDIENCE };
      if (alg === 'HS256') {
        if (!this.secret) return null;
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] }));
      } else {
        ({ payload } = await jwtVerify(token, this.jwks!, { ...options, algorithms: ASYMMETRIC }));
      }
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') return null;
    const meta = (payload.user_metadata ?? {}) as Record<string, unknown>;
    const name = [meta.full_name, meta.name].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? null;
    return {
      sub: payload.sub,
      email: typeof payload.email === 'string' && payload.email.trim() !== '' ? payload.email.trim().toLowerCase() : null,
      emailVerified: payload.email_verified === true,
      name: name?.trim() ?? null,
    };
  }
}
