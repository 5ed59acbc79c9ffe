// WebSocket is the same API as HTTP: every probe HTTP refuses (API-key scopes, query
// limits, introspection in production, the /graphql rate limit) is refused over
// graphql-ws too, with the same code, and nothing it asked for happens.
import { randomBytes } from 'node:crypto';
import { anAdmin, aCustomer } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { wsClient, type WsClient, type WsResult } from './realtime-client';

let t: TestApp;
const clients: WsClient[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => t.stop());

const overWs = (app: TestApp, authorization?: string) => {
  const client = wsClient(app, undefined, authorization);
  clients.push(client);
  return client;
};
const wsCodes = (r: WsResult) => r.errors.map((e) => e.extensions?.code);

/** Sends the same operation over both transports and returns both error code lists. */
async function bothWays(app: TestApp, query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const http = await app.gql(query, variables, authorization ? { headers: { authorization } } : {});
  const ws = await overWs(app, authorization).run(query, variables);
  return { http, ws, httpCodes: codes(http), wsCodes: wsCodes(ws) };
}

const ofType = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${ofType(depth - 1)} }`);
const DEPTH_20 = `{ __type(name: "User") { fields { type { ${ofType(17)} } } } }`;
const ALIASES_60 = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: categories { id name }`).join(' ')} }`;
const TOKENS_10K = `{ ${'__typename '.repeat(10_000)} }`;
// 30 × 30 × 30 fields through fragments: small to send, depth 4, no aliases, far over the cost limit.
const COSTLY = [
  'query { ...F3 }',
  'fragment F0 on Query { __typename }',
  ...[1, 2, 3].map((i) => `fragment F${i} on Query { ${`...F${i - 1} `.repeat(30)}}`),
].join('\n');

describe('an admin’s API key scoped to CATALOG_READ', () => {
  let admin: Awaited<ReturnType<typeof anAdmin>>;
  let key: string;
  beforeAll(async () => {
    admin = await anAdmin(t);
    const created = await t.gql(
      `mutation { createApiKey(name: "catalog", scopes: [CATALOG_READ]) { secret } }`,
      {},
      { token: admin.token },
    );
    key = `ApiKey ${created.data!.createApiKey.secret}`;
  });

  it.each([
    ['list users', `{ users { totalCount edges { node { email } } } }`],
    ['read the email outbox', `{ emails { edges { node { id } } } }`],
  ])('cannot %s over either transport (FORBIDDEN)', async (_what, query) => {
    const r = await bothWays(t, query, {}, key);
    expect(r.http.status).toBe(403);
    expect(r.httpCodes).toEqual(['FORBIDDEN']);
    expect(r.wsCodes).toEqual(['FORBIDDEN']);
    expect(r.ws.data).toBeNull();
  });

  it('cannot suspend a user or make one an admin over either transport', async () => {
    const victim = await aCustomer(t);
    const suspend = await bothWays(t, `mutation($id: ID!) { suspendUser(userId: $id, suspended: true) { id } }`, { id: victim.id }, key);
    const promote = await bothWays(t, `mutation($id: ID!) { setUserRole(userId: $id, role: ADMIN) { id } }`, { id: victim.id }, key);
    for (const r of [suspend, promote]) {
      expect(r.httpCodes).toEqual(['FORBIDDEN']);
      expect(r.wsCodes).toEqual(['FORBIDDEN']);
    }
    const row = await t.app.infra.prisma.user.findUniqueOrThrow({ where: { id: victim.id } });
    expect(row).toMatchObject({ suspended: false, role: 'CUSTOMER' });
  });

  it('still reads the catalog over WebSocket', async () => {
    const r = await overWs(t, key).run(`{ categories { id } }`);
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({ categories: expect.any(Array) });
  });
});

describe('query limits for anonymous callers', () => {
  it.each([
    ['20 levels deep', DEPTH_20, 'QUERY_TOO_COMPLEX', /depth limit of 12/],
    ['60 aliases', ALIASES_60, 'QUERY_TOO_COMPLEX', /aliases limit of 20/i],
    ['10,000 tokens', TOKENS_10K, 'GRAPHQL_PARSE_FAILED', /5000 tokens/],
    ['over the cost limit', COSTLY, 'QUERY_TOO_COMPLEX', /cost limit of 20000/i],
  ])('refuses a query %s the same way over both transports', async (_what, query, code, message) => {
    const r = await bothWays(t, query);
    expect(r.http.status).toBe(400);
    expect(r.httpCodes).toEqual([code]);
    expect(r.wsCodes).toEqual([code]);
    expect(r.ws.errors[0]!.message).toMatch(message);
    expect(r.ws.errors[0]!.message).toBe(r.http.errors![0]!.message);
    expect(r.ws.data).toBeNull();
  });

  it('gives no "Did you mean" hints about the schema, in any mode', async () => {
    const r = await bothWays(t, `{ me { id emial } servics { totalCount } }`);
    expect(r.httpCodes).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(r.wsCodes).toContain('GRAPHQL_VALIDATION_FAILED');
    const messages = JSON.stringify([r.http.errors, r.ws.errors]);
    expect(messages).toMatch(/emial/);
    expect(messages).not.toMatch(/Did you mean|"email"|services/);
  });
});

it('refuses introspection in production to everyone but admins, over both transports', async () => {
  const prod = await startTestApp({ env: { NODE_ENV: 'production', PAYMENTS_SANDBOX: 'builtin' } });
  try {
    const customer = await aCustomer(prod);
    for (const authorization of [undefined, `Bearer ${customer.token}`]) {
      for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "User") { fields { name } } }`]) {
        const r = await bothWays(prod, query, {}, authorization);
        expect(r.http.status).toBe(403);
        expect(r.httpCodes).toEqual(['FORBIDDEN']);
        expect(r.wsCodes).toEqual(['FORBIDDEN']);
        expect(r.ws.errors[0]!.message).toContain('/schema.graphql');
        expect(r.ws.data).toBeNull();
      }
    }
    const admin = await anAdmin(prod);
    const adminWs = await overWs(prod, `Bearer ${admin.token}`).run(`{ __schema { queryType { name } } }`);
    expect(adminWs.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await overWs(prod).run(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
  } finally {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await prod.stop();
  }
}, 30_000);

it('spends the same /graphql budget over WebSocket as over HTTP', async () => {
  const limited = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_API_PER_MINUTE: '5' } });
  try {
    const customer = await aCustomer(limited); // one anonymous request
    const authorization = `Bearer ${customer.token}`;
    const socket = overWs(limited, authorization);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await socket.run(`{ me { id } }`));
    for (let i = 0; i < 2; i++) answers.push(await limited.gql(`{ me { id } }`, {}, { token: customer.token }));
    answers.push(await socket.run(`{ me { id } }`));
    expect(answers.slice(0, 3).every((r) => r.data?.me?.id === customer.id)).toBe(true);
    const refused = answers[5] as WsResult;
    expect(wsCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors[0]!.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limited.gql(`{ me { id } }`, {}, { token: customer.token })).status).toBe(429);
  } finally {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await limited.stop();
  }
}, 30_000);

it('spends the IP budget, over WebSocket too, for made-up credentials: each new one buys nothing', async () => {
  const limited = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_API_PER_MINUTE: '5' } });
  try {
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await overWs(limited, `Bearer ${randomBytes(24).toString('base64url')}`).run(`{ __typename }`));
    expect(answers.slice(0, 5).map(wsCodes)).toEqual(Array(5).fill(['UNAUTHENTICATED']));
    expect(wsCodes(answers[5] as WsResult)).toEqual(['RATE_LIMITED']);
    expect((await limited.gql(`{ __typename }`)).status).toBe(429);
  } finally {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await limited.stop();
  }
}, 30_000);

it('answers a subscription sent over HTTP with BAD_REQUEST saying it runs over WebSocket, not an internal error', async () => {
  const admin = await anAdmin(t);
  const r = await t.gql('subscription { bookingUpdated { booking { id } } }', {}, { token: admin.token });
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['BAD_REQUEST']);
  expect(r.errors![0]!.message).toMatch(/WebSocket/);
});
