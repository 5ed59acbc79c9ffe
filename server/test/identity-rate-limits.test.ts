// Login rate limits, switched on here (test apps run with them off), with small budgets:
// per account and per client IP, on Redis (the default in test apps) and in memory. Then the
// /graphql budget: credentials that are not valid spend the IP's, and unknown API keys are
// remembered so a flood of them costs no database lookups.
import { randomBytes } from 'node:crypto';
import { aCustomer, PASSWORD } from './support/accounts';
import { aUniqueEmail, login, refresh } from './support/identity';
import { fewestStatements } from './support/statements';
import { codes, startTestApp, type GqlResult, type TestApp, type TestAppOptions } from './support/test-app';

const limited = (r: GqlResult) => ({ codes: codes(r), retryAfterSeconds: r.errors?.[0]?.extensions?.retryAfterSeconds });
// The app trusts X-Forwarded-For from loopback (a proxy in front), so a test can speak for several clients.
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

describe.each<[string, TestAppOptions]>([
  ['Redis', {}],
  ['in-memory', { embedded: true }],
])('login rate limits (%s)', (_backend, options) => {
  it('refuses the 4th attempt for one account within the window, even with the right password', async () => {
    const t = await startTestApp({ ...options, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN_PER_ACCOUNT: '3' } });
    try {
      const account = await aCustomer(t);
      for (let i = 0; i < 3; i++) expect(codes(await login(t, account.email, 'wrong-password'))).toEqual(['UNAUTHENTICATED']);

      const fourth = await login(t, account.email, 'wrong-password');
      expect(limited(fourth)).toEqual({ codes: ['RATE_LIMITED'], retryAfterSeconds: expect.any(Number) });
      expect(fourth.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(codes(await login(t, account.email.toUpperCase(), PASSWORD))).toEqual(['RATE_LIMITED']);

      const other = await aCustomer(t);
      expect((await login(t, other.email, PASSWORD)).errors).toBeUndefined();
    } finally {
      await t.stop();
    }
  });

  it('refuses the 4th attempt from one IP within the window, whatever the account', async () => {
    const t = await startTestApp({ ...options, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN_PER_IP: '3' } });
    try {
      const ip = '203.0.113.7';
      for (let i = 0; i < 3; i++)
        expect(codes(await login(t, aUniqueEmail('guess'), 'wrong-password', from(ip)))).toEqual(['UNAUTHENTICATED']);

      const fourth = await login(t, aUniqueEmail('guess'), 'wrong-password', from(ip));
      expect(limited(fourth)).toEqual({ codes: ['RATE_LIMITED'], retryAfterSeconds: expect.any(Number) });
      expect(fourth.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);

      const account = await aCustomer(t);
      expect((await login(t, account.email, PASSWORD, from('198.51.100.20'))).errors).toBeUndefined();
    } finally {
      await t.stop();
    }
  });
});

it('does not limit logins when RATE_LIMIT_ENABLED is false (the test default)', async () => {
  const t = await startTestApp({ env: { RATE_LIMIT_LOGIN_PER_ACCOUNT: '1', RATE_LIMIT_LOGIN_PER_IP: '1' } });
  try {
    const account = await aCustomer(t);
    for (let i = 0; i < 3; i++) expect(codes(await login(t, account.email, 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
    expect((await login(t, account.email, PASSWORD)).errors).toBeUndefined();
  } finally {
    await t.stop();
  }
});

describe('the /graphql budget and credentials', () => {
  const ME = `{ me { id } }`;
  const randomBearer = () => ({ token: randomBytes(24).toString('base64url') });
  const randomApiKey = () => ({ apiKey: `hs_${randomBytes(6).toString('hex').slice(0, 8)}_${randomBytes(32).toString('base64url')}` });
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_API_PER_MINUTE: '5' } });
  });
  afterAll(() => t.stop());

  it('spends the IP budget for made-up Authorization headers: new ones buy no budget of their own', async () => {
    const ip = '203.0.113.50';
    const garbage = [randomBearer(), randomApiKey(), randomBearer(), randomApiKey(), { headers: { authorization: 'Basic Zm9vOmJhcg==' } }];
    for (const credential of garbage) {
      const r = await t.gql(
        ME,
        {},
        { ...credential, headers: { ...from(ip).headers, ...('headers' in credential ? credential.headers : {}) } },
      );
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    }
    const sixth = await t.gql(ME, {}, { ...randomApiKey(), ...from(ip) });
    expect(sixth.status).toBe(429);
    expect(codes(sixth)).toEqual(['RATE_LIMITED']);
    expect(codes(await t.gql(ME, {}, from(ip)))).toEqual(['RATE_LIMITED']);
    expect((await t.gql(ME, {}, from('198.51.100.77'))).status).toBe(200);
  });

  it("keeps a signed-in person's budget across refreshed tokens, apart from the IP's", async () => {
    const account = await aCustomer(t); // spends one of 127.0.0.1's budget
    for (let i = 0; i < 3; i++) expect((await t.gql(ME, {}, { token: account.token })).status).toBe(200);
    const refreshed = (await refresh(t, account.refreshToken, from('198.51.100.78'))).data!.refreshSession;
    for (let i = 0; i < 2; i++) expect((await t.gql(ME, {}, { token: refreshed.accessToken })).status).toBe(200);
    expect(codes(await t.gql(ME, {}, { token: refreshed.accessToken }))).toEqual(['RATE_LIMITED']);
    expect(codes(await t.gql(ME, {}, { token: account.token }))).toEqual(['RATE_LIMITED']);
  });
});

describe('unknown API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('cost no database lookups when the same one comes again and again', async () => {
    const key = `hs_abcdefgh_${randomBytes(32).toString('base64url')}`;
    expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: key }))).toEqual(['UNAUTHENTICATED']);
    const statements = await fewestStatements(t, async () => {
      for (let i = 0; i < 10; i++) expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: key }))).toEqual(['UNAUTHENTICATED']);
    });
    expect(statements).toBe(0);
  });

  it('cost no database lookup at all when they are not shaped like a key we issue', async () => {
    const statements = await fewestStatements(t, async () => {
      for (let i = 0; i < 10; i++) {
        expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: randomBytes(20).toString('hex') }))).toEqual(['UNAUTHENTICATED']);
      }
    });
    expect(statements).toBe(0);
  });

  it('remember a revoked key as refused, and a live key still signs in', async () => {
    const owner = await aCustomer(t);
    const created = await t.gql(
      `mutation { createApiKey(name: "ci", scopes: [CATALOG_READ]) { apiKey { id } secret } }`,
      {},
      {
        token: owner.token,
      },
    );
    const { secret, apiKey } = created.data!.createApiKey;
    expect((await t.gql(`{ __typename }`, {}, { apiKey: secret })).errors).toBeUndefined();
    await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: apiKey.id }, { token: owner.token });
    expect(codes(await t.gql(`{ __typename }`, {}, { apiKey: secret }))).toEqual(['UNAUTHENTICATED']);
    const statements = await fewestStatements(t, () => t.gql(`{ __typename }`, {}, { apiKey: secret }));
    expect(statements).toBe(0);
  });
});
