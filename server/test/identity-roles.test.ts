// Who may run the platform: admin-only fields, role changes and suspension, which take
// effect at once on tokens already handed out.
import { aCustomer, anAdmin, PASSWORD } from './support/accounts';
import { login, me, refresh } from './support/identity';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const USERS = `{ users(first: 100) { totalCount edges { node { id email } } } }`;
const SET_ROLE = `mutation($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }`;
const SUSPEND = `mutation($userId: ID!, $suspended: Boolean!) { suspendUser(userId: $userId, suspended: $suspended) { id suspended } }`;

describe('admin-only fields', () => {
  it('are refused to a customer with FORBIDDEN', async () => {
    const customer = await aCustomer(t);
    const other = await aCustomer(t);
    const asCustomer = { token: customer.token };

    expect(codes(await t.gql(USERS, {}, asCustomer))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(SET_ROLE, { userId: customer.id, role: 'ADMIN' }, asCustomer))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(SUSPEND, { userId: other.id, suspended: true }, asCustomer))).toEqual(['FORBIDDEN']);
    expect((await me(t, asCustomer)).data!.me.role).toBe('CUSTOMER');
    expect((await me(t, { token: other.token })).data!.me.suspended).toBe(false);
  });

  it('ask an anonymous caller to sign in (UNAUTHENTICATED)', async () => {
    expect(codes(await t.gql(USERS))).toEqual(['UNAUTHENTICATED']);
  });

  it('work for an admin', async () => {
    const admin = await anAdmin(t);
    const customer = await aCustomer(t);
    const r = await t.gql(USERS, {}, { token: admin.token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.users.edges.map((e: { node: { email: string } }) => e.node.email)).toEqual(
      expect.arrayContaining([admin.email, customer.email]),
    );
  });
});

it("applies a role change to the person's existing access token at once", async () => {
  const admin = await anAdmin(t);
  const customer = await aCustomer(t);
  expect(codes(await t.gql(USERS, {}, { token: customer.token }))).toEqual(['FORBIDDEN']);

  const promoted = await t.gql(SET_ROLE, { userId: customer.id, role: 'ADMIN' }, { token: admin.token });
  expect(promoted.data).toEqual({ setUserRole: { id: customer.id, role: 'ADMIN' } });
  expect((await t.gql(USERS, {}, { token: customer.token })).errors).toBeUndefined();
});

describe('suspension', () => {
  it('ends access on a token already handed out, at once', async () => {
    const admin = await anAdmin(t);
    const customer = await aCustomer(t);
    expect((await me(t, { token: customer.token })).data!.me.id).toBe(customer.id); // state now cached

    const r = await t.gql(SUSPEND, { userId: customer.id, suspended: true }, { token: admin.token });
    expect(r.data).toEqual({ suspendUser: { id: customer.id, suspended: true } });
    expect(codes(await me(t, { token: customer.token }))).toEqual(['UNAUTHENTICATED']);
  });

  it('blocks logging in and refreshing until lifted', async () => {
    const admin = await anAdmin(t);
    const customer = await aCustomer(t);
    await t.gql(SUSPEND, { userId: customer.id, suspended: true }, { token: admin.token });

    const loginWhileSuspended = await login(t, customer.email, PASSWORD);
    expect(codes(loginWhileSuspended)).toEqual(['FORBIDDEN']);
    expect(loginWhileSuspended.errors![0]!.message).toMatch(/suspended/);
    expect(codes(await refresh(t, customer.refreshToken))).toEqual(['FORBIDDEN']);

    await t.gql(SUSPEND, { userId: customer.id, suspended: false }, { token: admin.token });
    expect((await login(t, customer.email, PASSWORD)).errors).toBeUndefined();
    expect((await me(t, { token: customer.token })).data!.me.suspended).toBe(false);
  });

  it('is not something an admin can do to themselves', async () => {
    const admin = await anAdmin(t);
    expect(codes(await t.gql(SUSPEND, { userId: admin.id, suspended: true }, { token: admin.token }))).toEqual(['FORBIDDEN']);
  });
});
