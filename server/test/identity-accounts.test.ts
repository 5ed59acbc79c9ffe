// Local accounts over HTTP: register, log in, who am I, and the ways each can fail.
import { randomBytes } from 'node:crypto';
import { aCustomer, PASSWORD } from './support/accounts';
import { aUniqueEmail, anAccessToken, countUsers, login, me, REGISTER, sessionIdOf } from './support/identity';
import { codes, startTestApp, type TestApp } from './support/test-app';

const JWT_SECRET = randomBytes(32).toString('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { JWT_SECRET } });
});
afterAll(() => t.stop());

const register = (input: Record<string, unknown>) => t.gql(REGISTER, { input: { name: 'Rina Rahman', password: PASSWORD, ...input } });

it('registers, logs in and answers me with the same account', async () => {
  const email = aUniqueEmail('rina');
  const registered = await register({ email, timeZone: 'Asia/Kolkata' });
  expect(registered.errors).toBeUndefined();
  expect(registered.data!.register.user).toMatchObject({ email, name: 'Rina Rahman', role: 'CUSTOMER' });

  const loggedIn = await login(t, email.toUpperCase(), PASSWORD);
  expect(loggedIn.errors).toBeUndefined();
  const { accessToken, refreshToken, user } = loggedIn.data!.login;
  expect(refreshToken).toEqual(expect.any(String));
  expect(user.id).toBe(registered.data!.register.user.id);

  const who = await me(t, { token: accessToken });
  expect(who.data!.me).toEqual({ id: user.id, email, name: 'Rina Rahman', role: 'CUSTOMER', suspended: false });
});

it('answers me with null for an anonymous caller', async () => {
  expect((await t.gql('{ me { id } }')).data).toEqual({ me: null });
});

it('refuses a wrong password with UNAUTHENTICATED', async () => {
  const account = await aCustomer(t);
  const r = await login(t, account.email, 'not-the-password');
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  expect(r.data).toBeNull();
});

it('answers an unknown email exactly like a wrong password (no account discovery)', async () => {
  const account = await aCustomer(t);
  const wrongPassword = await login(t, account.email, 'not-the-password');
  const unknown = await login(t, aUniqueEmail('nobody'), 'not-the-password');
  expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
  expect(unknown.errors![0]!.message).toBe(wrongPassword.errors![0]!.message);
});

it('refuses a second account with the same email, in any letter case, with CONFLICT', async () => {
  const email = aUniqueEmail('twice');
  expect((await register({ email })).errors).toBeUndefined();

  const again = await register({ email });
  expect(codes(again)).toEqual(['CONFLICT']);
  expect(again.errors![0]!.extensions).toMatchObject({ field: 'email' });
  expect(codes(await register({ email: email.toUpperCase() }))).toEqual(['CONFLICT']);
  expect(await countUsers(t, email)).toBe(1);
});

it('refuses an invalid email with BAD_USER_INPUT and writes nothing', async () => {
  const before = await countUsers(t);
  const r = await register({ email: 'not-an-email' });
  expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  expect(r.errors![0]!.extensions).toMatchObject({ field: 'email' });
  expect(await countUsers(t)).toBe(before);
});

it('refuses a short password with BAD_USER_INPUT and writes nothing', async () => {
  const before = await countUsers(t);
  const email = aUniqueEmail('short');
  const r = await register({ email, password: 'short' });
  expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  expect(r.errors![0]!.extensions).toMatchObject({ field: 'password' });
  expect(r.errors![0]!.message).toMatch(/at least 10 characters/);
  expect(await countUsers(t)).toBe(before);
  expect(await countUsers(t, email)).toBe(0);
});

it('refuses an expired access token with UNAUTHENTICATED and says to refresh', async () => {
  const account = await aCustomer(t);
  const expired = await anAccessToken(JWT_SECRET, {
    sub: account.id,
    sid: sessionIdOf(account.token),
    role: 'CUSTOMER',
    exp: new Date(Date.now() - 60_000),
  });
  const r = await me(t, { token: expired });
  expect(r.status).toBe(401);
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  expect(r.errors![0]!.message).toMatch(/expired/);
  // The same claims, not yet expired, are accepted: only the expiry was wrong.
  const fresh = await anAccessToken(JWT_SECRET, {
    sub: account.id,
    sid: sessionIdOf(account.token),
    role: 'CUSTOMER',
    exp: new Date(Date.now() + 60_000),
  });
  expect((await me(t, { token: fresh })).data!.me.id).toBe(account.id);
});

it('refuses a token signed with another secret', async () => {
  const account = await aCustomer(t);
  const forged = await anAccessToken(randomBytes(32).toString('hex'), {
    sub: account.id,
    sid: sessionIdOf(account.token),
    role: 'ADMIN',
    exp: new Date(Date.now() + 60_000),
  });
  expect(codes(await me(t, { token: forged }))).toEqual(['UNAUTHENTICATED']);
});
