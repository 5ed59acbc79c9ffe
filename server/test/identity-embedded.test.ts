// The embedded default (PGlite, in-process cache and pub/sub, nothing configured) serves
// the same identity API as the real backends.
import { aCustomer, PASSWORD } from './support/accounts';
import { aUniqueEmail, login, me, REGISTER } from './support/identity';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});
afterAll(() => t.stop());

it('runs on PGlite without Redis', async () => {
  expect(t.app.infra.database.kind).toBe('pglite');
  expect(t.app.infra.redis).toBeNull();
  expect(await (await fetch(`${t.url}/readyz`)).json()).toMatchObject({ status: 'ready', database: true, redis: null });
});

it('answers me with null for an anonymous caller', async () => {
  expect((await t.gql('{ me { id } }')).data).toEqual({ me: null });
});

it('registers and logs in', async () => {
  const account = await aCustomer(t, { name: 'Embedded Emon' });
  const r = await login(t, account.email, PASSWORD);
  expect(r.errors).toBeUndefined();
  expect((await me(t, { token: r.data!.login.accessToken })).data!.me).toMatchObject({ id: account.id, name: 'Embedded Emon' });
});

it('refuses a duplicate email with CONFLICT on PGlite too', async () => {
  const email = aUniqueEmail('twice');
  const input = { email, password: PASSWORD, name: 'Twice' };
  expect((await t.gql(REGISTER, { input })).errors).toBeUndefined();
  expect(codes(await t.gql(REGISTER, { input: { ...input, email: email.toUpperCase() } }))).toEqual(['CONFLICT']);
});
