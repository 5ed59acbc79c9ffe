// The identity operations as a client sends them, and tokens minted the way other
// issuers (an expired session of ours, Supabase) would sign them.
import { decodeJwt, SignJWT, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import type { GqlOptions, GqlResult, TestApp } from './test-app';

const AUTH_FIELDS = 'accessToken refreshToken user { id email name role }';

export const REGISTER = `mutation($input: RegisterInput!, $refreshCookie: Boolean) {
  register(input: $input, refreshCookie: $refreshCookie) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation($email: String!, $password: String!, $refreshCookie: Boolean) {
  login(email: $email, password: $password, refreshCookie: $refreshCookie) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation($refreshToken: String, $refreshCookie: Boolean) {
  refreshSession(refreshToken: $refreshToken, refreshCookie: $refreshCookie) { ${AUTH_FIELDS} } }`;
export const LOGOUT = `mutation($refreshToken: String) { logout(refreshToken: $refreshToken) }`;
export const ME = `{ me { id email name role suspended } }`;

export const login = (t: TestApp, email: string, password: string, opts: GqlOptions & { refreshCookie?: boolean } = {}) =>
  t.gql(LOGIN, { email, password, refreshCookie: opts.refreshCookie }, opts);

export const refresh = (t: TestApp, refreshToken: string | null, opts: GqlOptions & { refreshCookie?: boolean } = {}) =>
  t.gql(REFRESH, { refreshToken, refreshCookie: opts.refreshCookie }, opts);

export const me = (t: TestApp, opts: GqlOptions) => t.gql(ME, {}, opts);

export const aUniqueEmail = (label = 'person') => `${label}-${randomBytes(5).toString('hex')}@example.test`;

export async function countUsers(t: TestApp, email?: string): Promise<number> {
  return t.app.infra.prisma.user.count({ where: email ? { email } : {} });
}

/** The session id our access tokens carry (`sid`). */
export const sessionIdOf = (accessToken: string) => decodeJwt(accessToken).sid as string;

/** An access token as tokens.ts issues it, signed with the app's secret, with any expiry. */
export async function anAccessToken(secret: string, claims: { sub: string; sid: string; role: string; exp: Date }): Promise<string> {
  const exp = Math.floor(claims.exp.getTime() / 1000);
  return new SignJWT({ sid: claims.sid, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer('homeser')
    .setAudience('homeser-api')
    .setIssuedAt(exp - 15 * 60)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

/** How a Supabase project signs: its legacy HS256 secret, or an asymmetric key from its JWKS. */
export interface SupabaseSigner {
  issuer: string;
  key: Uint8Array | CryptoKey;
  alg: 'HS256' | 'ES256';
  kid?: string;
}

export interface SupabaseUser {
  sub: string;
  email?: string;
  fullName?: string;
  /** The top-level `email_verified` claim, as a Custom Access Token Hook adds it. */
  emailVerified?: boolean;
  /** Claims to override (e.g. `aud`, `iss`) or add (e.g. `user_metadata`). */
  claims?: Record<string, unknown>;
}

export const hs256Signer = (issuer: string, secret: string): SupabaseSigner => ({
  issuer,
  key: new TextEncoder().encode(secret),
  alg: 'HS256',
});

/** A Supabase Auth access token as the project would sign it. */
export async function aSupabaseToken(signer: SupabaseSigner, user: SupabaseUser): Promise<string> {
  const claims: Record<string, unknown> = {
    role: 'authenticated',
    aud: 'authenticated',
    iss: signer.issuer,
    user_metadata: user.fullName ? { full_name: user.fullName } : {},
    ...(user.email !== undefined && { email: user.email }),
    ...(user.emailVerified !== undefined && { email_verified: user.emailVerified }),
    ...user.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signer.alg, typ: 'JWT', ...(signer.kid && { kid: signer.kid }) })
    .setSubject(user.sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(signer.key);
}

/** The cookies a response sets, by name, with their attributes as written. */
export function setCookies(r: GqlResult): Map<string, { value: string; attributes: string[] }> {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const header of r.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const [name, ...value] = pair!.split('=');
    cookies.set(name!, { value: value.join('='), attributes });
  }
  return cookies;
}
