// Sessions: refresh-token rotation, reuse detection with a grace window for two tabs, the refresh cookie, logout, and
// a person's view and control of their signed-in devices.
import { aCustomer, PASSWORD } from './support/accounts';
import { LOGOUT, login, me, refresh, sessionIdOf, setCookies } from './support/identity';
import { REFRESH_REUSE_GRACE_SECONDS } from '../src/modules/identity/identity.service';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const MY_SESSIONS = `{ mySessions { id current userAgent } }`;

it('rotates the refresh token: the new pair works', async () => {
  const account = await aCustomer(t);
  const rotated = await refresh(t, account.refreshToken);
  expect(rotated.errors).toBeUndefined();
  const next = rotated.data!.refreshSession;
  expect(next.refreshToken).not.toBe(account.refreshToken);
  expect((await me(t, { token: next.accessToken })).data!.me.id).toBe(account.id);
  expect((await refresh(t, next.refreshToken)).errors).toBeUndefined();
});

/** Moves the session's rotations back in time, past the reuse grace window. */
async function ageRotations(accessToken: string, seconds: number) {
  await t.app.infra.prisma.refreshToken.updateMany({
    where: { sessionId: sessionIdOf(accessToken), rotatedAt: { not: null } },
    data: { rotatedAt: new Date(Date.now() - seconds * 1000) },
  });
}

it('keeps both tabs signed in when they refresh with the same token at once: both get the same new pair', async () => {
  const account = await aCustomer(t);
  const [a, b] = await Promise.all([refresh(t, account.refreshToken), refresh(t, account.refreshToken)]);
  expect(a.errors).toBeUndefined();
  expect(b.errors).toBeUndefined();
  expect(b.data!.refreshSession.refreshToken).toBe(a.data!.refreshSession.refreshToken);
  expect(b.data!.refreshSession.accessToken).toBe(a.data!.refreshSession.accessToken);

  expect((await me(t, { token: a.data!.refreshSession.accessToken })).data!.me.id).toBe(account.id);
  expect((await refresh(t, a.data!.refreshSession.refreshToken)).errors).toBeUndefined();
});

it('answers a second refresh with the same token moments later with the same pair', async () => {
  const account = await aCustomer(t);
  const first = (await refresh(t, account.refreshToken)).data!.refreshSession;
  const second = await refresh(t, account.refreshToken);
  expect(second.errors).toBeUndefined();
  expect(second.data!.refreshSession).toMatchObject({ refreshToken: first.refreshToken, accessToken: first.accessToken });
});

it('ends the whole session when a rotated refresh token is presented after the grace window', async () => {
  const account = await aCustomer(t);
  const next = (await refresh(t, account.refreshToken)).data!.refreshSession;
  await ageRotations(next.accessToken, REFRESH_REUSE_GRACE_SECONDS + 1);

  const reuse = await refresh(t, account.refreshToken); // a thief replaying the old token
  expect(codes(reuse)).toEqual(['UNAUTHENTICATED']);
  expect(reuse.errors![0]!.message).toMatch(/already used/);

  expect(codes(await refresh(t, next.refreshToken))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await me(t, { token: next.accessToken }))).toEqual(['UNAUTHENTICATED']);
});

it('ends the session when an old token comes back after its successor was rotated too', async () => {
  const account = await aCustomer(t);
  const second = (await refresh(t, account.refreshToken)).data!.refreshSession;
  const third = (await refresh(t, second.refreshToken)).data!.refreshSession;

  expect(codes(await refresh(t, account.refreshToken))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await refresh(t, third.refreshToken))).toEqual(['UNAUTHENTICATED']);
});

it('sets the refresh token as an httpOnly SameSite=Strict cookie when asked, and refreshes from it', async () => {
  const account = await aCustomer(t);
  const signedIn = await login(t, account.email, PASSWORD, { refreshCookie: true });
  expect(signedIn.data!.login.refreshToken).toBeNull();
  const cookie = setCookies(signedIn).get('homeser_refresh')!;
  expect(cookie.value).not.toBe('');
  expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/graphql']));

  const fromCookie = await refresh(t, null, { headers: { cookie: `homeser_refresh=${cookie.value}` } });
  expect(fromCookie.errors).toBeUndefined();
  expect(fromCookie.data!.refreshSession.refreshToken).toBeNull();
  const rotatedCookie = setCookies(fromCookie).get('homeser_refresh')!;
  expect(rotatedCookie.value).not.toBe(cookie.value);
  expect((await me(t, { token: fromCookie.data!.refreshSession.accessToken })).data!.me.id).toBe(account.id);
});

it('refuses to refresh without a token or cookie', async () => {
  expect(codes(await refresh(t, null))).toEqual(['UNAUTHENTICATED']);
});

it('logs out: the refresh token and the access token of that session stop working', async () => {
  const account = await aCustomer(t);
  const out = await t.gql(LOGOUT, { refreshToken: account.refreshToken });
  expect(out.data).toEqual({ logout: true });

  expect(codes(await refresh(t, account.refreshToken))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await me(t, { token: account.token }))).toEqual(['UNAUTHENTICATED']);
});

it('logs out with the cookie and clears it', async () => {
  const account = await aCustomer(t);
  const signedIn = await login(t, account.email, PASSWORD, { refreshCookie: true });
  const cookie = setCookies(signedIn).get('homeser_refresh')!;

  const out = await t.gql(LOGOUT, {}, { headers: { cookie: `homeser_refresh=${cookie.value}` } });
  expect(out.data).toEqual({ logout: true });
  const cleared = setCookies(out).get('homeser_refresh')!;
  expect(cleared.value).toBe('');
  expect(cleared.attributes.find((a) => a.startsWith('Expires='))).toMatch(/1970/);
  expect(codes(await me(t, { token: signedIn.data!.login.accessToken }))).toEqual(['UNAUTHENTICATED']);
});

it('lists my sessions and marks the one asking as current', async () => {
  const account = await aCustomer(t);
  const laptop = (await login(t, account.email, PASSWORD, { headers: { 'user-agent': 'Laptop/1.0' } })).data!.login;

  const r = await t.gql(MY_SESSIONS, {}, { token: laptop.accessToken });
  const sessions = r.data!.mySessions as { id: string; current: boolean; userAgent: string | null }[];
  expect(sessions.map((s) => s.id).sort()).toEqual([sessionIdOf(account.token), sessionIdOf(laptop.accessToken)].sort());
  expect(sessions.filter((s) => s.current)).toEqual([{ id: sessionIdOf(laptop.accessToken), current: true, userAgent: 'Laptop/1.0' }]);
});

it('revokes another of my sessions at once, leaving this one signed in', async () => {
  const account = await aCustomer(t);
  const phone = (await login(t, account.email, PASSWORD)).data!.login;

  const r = await t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: sessionIdOf(phone.accessToken) }, { token: account.token });
  expect(r.data).toEqual({ revokeSession: true });
  expect(codes(await me(t, { token: phone.accessToken }))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await refresh(t, phone.refreshToken))).toEqual(['UNAUTHENTICATED']);
  expect((await me(t, { token: account.token })).data!.me.id).toBe(account.id);
  expect((await t.gql(MY_SESSIONS, {}, { token: account.token })).data!.mySessions).toHaveLength(1);
});

it("refuses to revoke someone else's session with NOT_FOUND", async () => {
  const mine = await aCustomer(t);
  const theirs = await aCustomer(t);
  const r = await t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: sessionIdOf(theirs.token) }, { token: mine.token });
  expect(codes(r)).toEqual(['NOT_FOUND']);
  expect((await me(t, { token: theirs.token })).data!.me.id).toBe(theirs.id);
});

it('revokes all my sessions, this one included, and says how many', async () => {
  const account = await aCustomer(t);
  const other = (await login(t, account.email, PASSWORD)).data!.login;

  const r = await t.gql(`mutation { revokeAllSessions }`, {}, { token: account.token });
  expect(r.data).toEqual({ revokeAllSessions: 2 });
  expect(codes(await me(t, { token: account.token }))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await me(t, { token: other.accessToken }))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await refresh(t, other.refreshToken))).toEqual(['UNAUTHENTICATED']);
});
