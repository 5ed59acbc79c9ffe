// Access tokens are short JWTs (HS256); refresh tokens and API key secrets are opaque
// strings of which only a SHA-256 hash is stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../generated/prisma/enums';

export const ACCESS_TOKEN_MINUTES = 15;
const ISSUER = 'homeser';
const AUDIENCE = 'homeser-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
}

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
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
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token; 'expired' or 'invalid' otherwise. */
  async verify(token: string): Promise<AccessClaims | 'expired' | 'invalid'> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return 'invalid';
      return { userId: payload.sub, sessionId: payload.sid, role: payload.role as Role };
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
