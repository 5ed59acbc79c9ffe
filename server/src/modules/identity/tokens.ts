// Access tokens are short JWTs (HS256); refresh tokens and API key secrets are opaque
// strings of which only a SHA-256 hash is stored.
import { createHash, createHmac, randomBytes, type webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Role } from '../../generated/prisma/enums';

export const ACCESS_TOKEN_MINUTES = 15;
const ISSUER = 'homeser';
const AUDIENCE = 'homeser-api';
/** Tokens whose signature was checked, kept until they expire: about 400 bytes each. */
const VERIFIED_KEPT = 20_000;

export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
}

interface Verified {
  claims: AccessClaims;
  expiresAtMs: number;
}

export class AccessTokens {
  // Imported once: given raw bytes, jose imports a WebCrypto key on every call.
  private readonly key: Promise<webcrypto.CryptoKey>;
  // A client sends the same token with every request for its 15 minutes. Its signature and
  // claims cannot change, so the check (an asynchronous WebCrypto HMAC) runs once per token;
  // only its expiry is looked at again. Whether its session still holds is not kept here.
  private readonly verified = new LRUCache<string, Verified>({ max: VERIFIED_KEPT });

  constructor(secret: string) {
    const hmac = { name: 'HMAC', hash: 'SHA-256' };
    this.key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), hmac, false, ['sign', 'verify']);
  }

  async issue(claims: AccessClaims, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + ACCESS_TOKEN_MINUTES * 60;
    const token = await new SignJWT({ sid: claims.sessionId, role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token at `now`; 'expired' or 'invalid' otherwise. */
  async verify(token: string, now = new Date()): Promise<AccessClaims | 'expired' | 'invalid'> {
    const known = this.verified.get(token);
    // As jose decides: expired from the second `exp` names on.
    if (known) return Math.floor(now.getTime() / 1000) * 1000 >= known.expiresAtMs ? 'expired' : known.claims;
    try {
      const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now };
      const { payload } = await jwtVerify(token, await this.key, options);
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return 'invalid';
      const claims: AccessClaims = { userId: payload.sub, sessionId: payload.sid, role: payload.role as Role };
      this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch (err) {
      return err instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
  }
}

export const newOpaqueToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The refresh token that replaces `token` when it is rotated. Derived with the server's
 * secret rather than random, so a second refresh with the same token moments later (another
 * tab) can answer with the same successor while only its hash is stored.
 */
export const successorRefreshToken = (secret: string, token: string) =>
  createHmac('sha256', secret).update(`refresh-successor:${token}`).digest('base64url');
