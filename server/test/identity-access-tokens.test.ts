// Access tokens are checked once per token and then remembered (tokens.ts): remembering must
// never lengthen a token's life or let a token through that was not signed with our secret.
import { AccessTokens, ACCESS_TOKEN_MINUTES } from '../src/modules/identity/tokens';
import { anAccessToken } from './support/identity';

const SECRET = 'access-token-test-secret-of-some-length';
const claims = { userId: 'u-1', sessionId: 's-1', role: 'CUSTOMER' as const };
const at = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

it('a remembered token is refused from the second it expires, as one seen for the first time is', async () => {
  const tokens = new AccessTokens(SECRET);
  const issuedAt = new Date('2026-12-07T10:00:00.400Z');
  const { token, expiresAt } = await tokens.issue(claims, issuedAt);
  expect(expiresAt).toEqual(new Date(issuedAt.getTime() - 400 + ACCESS_TOKEN_MINUTES * 60_000));

  expect(await tokens.verify(token, issuedAt)).toEqual(claims);
  expect(await tokens.verify(token, at(issuedAt, 14))).toEqual(claims);
  expect(await tokens.verify(token, new Date(expiresAt.getTime() - 1))).toEqual(claims);
  expect(await tokens.verify(token, expiresAt)).toBe('expired');
  expect(await tokens.verify(token, at(issuedAt, 60))).toBe('expired');
  // A fresh instance, which has remembered nothing, answers the same.
  expect(await new AccessTokens(SECRET).verify(token, new Date(expiresAt.getTime() - 1))).toEqual(claims);
  expect(await new AccessTokens(SECRET).verify(token, expiresAt)).toBe('expired');
});

it('refuses a token signed with another secret, or altered, even when the genuine one is remembered', async () => {
  const tokens = new AccessTokens(SECRET);
  const now = new Date();
  const { token } = await tokens.issue(claims, now);
  expect(await tokens.verify(token, now)).toEqual(claims);

  const forged = await anAccessToken('another-secret-entirely-of-some-length', {
    sub: claims.userId,
    sid: claims.sessionId,
    role: 'ADMIN',
    exp: at(now, 10),
  });
  expect(await tokens.verify(forged, now)).toBe('invalid');
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'ADMIN' })).toString(
    'base64url',
  );
  expect(await tokens.verify(`${header}.${promoted}.${signature}`, now)).toBe('invalid');
  expect(await new AccessTokens('another-secret-entirely-of-some-length').verify(token, now)).toBe('invalid');
});
