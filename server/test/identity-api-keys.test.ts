// API keys for integrators: the secret is shown once, a key reaches only the root fields
// marked for one of its scopes, and a revoked key stops working at once.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const CREATE_KEY = `mutation($name: String!, $scopes: [ApiScope!]!) {
  createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes } } }`;
const MY_KEYS = `{ myApiKeys { id name prefix scopes lastUsedAt } }`;
// startPayment is marked @ForApiKeys(BOOKINGS_WRITE) in the contract's payments module.
const START_PAYMENT = `mutation($id: ID!) { startPayment(bookingId: $id) { redirectUrl } }`;
const UNKNOWN_BOOKING = '00000000-0000-4000-8000-000000000000';

async function aKey(owner: Account, scopes: string[], name = 'Integration') {
  const r = await t.gql(CREATE_KEY, { name, scopes }, { token: owner.token });
  if (!r.data) throw new Error(`createApiKey failed: ${JSON.stringify(r.errors)}`);
  return r.data.createApiKey as { secret: string; apiKey: { id: string; name: string; prefix: string; scopes: string[] } };
}

it('shows the secret once; myApiKeys lists the prefix, never the secret', async () => {
  const owner = await aCustomer(t);
  const { secret, apiKey } = await aKey(owner, ['BOOKINGS_READ'], 'Calendar sync');
  expect(secret.startsWith(`hs_${apiKey.prefix}_`)).toBe(true);

  const listed = await t.gql(MY_KEYS, {}, { token: owner.token });
  expect(listed.data!.myApiKeys).toEqual([
    { id: apiKey.id, name: 'Calendar sync', prefix: apiKey.prefix, scopes: ['BOOKINGS_READ'], lastUsedAt: null },
  ]);
  expect(JSON.stringify(listed)).not.toContain(secret);

  const row = await t.app.infra.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
  expect(Object.values(row).map(String)).not.toContain(secret);
});

it('signs a request in as its owner', async () => {
  const owner = await aCustomer(t);
  const { secret, apiKey } = await aKey(owner, ['BOOKINGS_READ']);
  const r = await t.gql(`{ __typename }`, {}, { apiKey: secret });
  expect(r.status).toBe(200);
  expect(r.data).toEqual({ __typename: 'Query' });
  expect((await t.gql(MY_KEYS, {}, { token: owner.token })).data!.myApiKeys[0]).toMatchObject({
    id: apiKey.id,
    lastUsedAt: expect.any(String),
  });
});

describe('a key with BOOKINGS_READ only', () => {
  let secret: string;
  beforeAll(async () => {
    ({ secret } = await aKey(await aCustomer(t), ['BOOKINGS_READ']));
  });

  it('is refused on a root field marked for no scope (me) with FORBIDDEN', async () => {
    const r = await t.gql(`{ me { id } }`, {}, { apiKey: secret });
    expect(r.status).toBe(403);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.data).toBeNull();
  });

  it('cannot create more keys', async () => {
    expect(codes(await t.gql(CREATE_KEY, { name: 'More', scopes: ['BOOKINGS_WRITE'] }, { apiKey: secret }))).toEqual(['FORBIDDEN']);
  });

  it('is refused on a root field needing another scope, and told which', async () => {
    const r = await t.gql(START_PAYMENT, { id: UNKNOWN_BOOKING }, { apiKey: secret });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.errors![0]!.message).toMatch(/BOOKINGS_WRITE/);
  });

  it('cannot reach a forbidden field through a fragment', async () => {
    const r = await t.gql(`query { ...Who } fragment Who on Query { me { id } }`, {}, { apiKey: secret });
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });
});

it('lets a key with the needed scope through to the field', async () => {
  const { secret } = await aKey(await aCustomer(t), ['BOOKINGS_WRITE']);
  const r = await t.gql(START_PAYMENT, { id: UNKNOWN_BOOKING }, { apiKey: secret });
  // The resolver ran (its error has a path) and answered for the missing booking: the gate let it through.
  expect(r.errors).toHaveLength(1);
  expect(r.errors![0]!.path).toEqual(['startPayment']);
  expect(codes(r)).not.toContain('FORBIDDEN');
});

it('refuses a revoked key with UNAUTHENTICATED, at once', async () => {
  const owner = await aCustomer(t);
  const { secret, apiKey } = await aKey(owner, ['BOOKINGS_READ']);
  expect((await t.gql(`{ __typename }`, {}, { apiKey: secret })).status).toBe(200);

  const revoked = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: apiKey.id }, { token: owner.token });
  expect(revoked.data).toEqual({ revokeApiKey: true });
  const r = await t.gql(`{ __typename }`, {}, { apiKey: secret });
  expect(r.status).toBe(401);
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  expect((await t.gql(MY_KEYS, {}, { token: owner.token })).data!.myApiKeys).toEqual([]);
});

it('refuses an unknown key with UNAUTHENTICATED', async () => {
  expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: 'hs_nothing_0000000000000000' }))).toEqual(['UNAUTHENTICATED']);
});

it('stops working when its owner is suspended', async () => {
  const admin = await anAdmin(t);
  const owner = await aCustomer(t);
  const { secret } = await aKey(owner, ['BOOKINGS_READ']);
  await t.gql(`mutation($id: ID!) { suspendUser(userId: $id, suspended: true) { id } }`, { id: owner.id }, { token: admin.token });
  expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: secret }))).toEqual(['UNAUTHENTICATED']);
});

it('cannot be revoked by someone else (NOT_FOUND)', async () => {
  const { apiKey, secret } = await aKey(await aCustomer(t), ['BOOKINGS_READ']);
  const stranger = await aCustomer(t);
  expect(codes(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: apiKey.id }, { token: stranger.token }))).toEqual([
    'NOT_FOUND',
  ]);
  expect((await t.gql(`{ __typename }`, {}, { apiKey: secret })).status).toBe(200);
});

it('needs at least one scope (BAD_USER_INPUT)', async () => {
  const owner = await aCustomer(t);
  expect(codes(await t.gql(CREATE_KEY, { name: 'Nothing', scopes: [] }, { token: owner.token }))).toEqual(['BAD_USER_INPUT']);
});
