// Bad input gets a clear error, never a 500: text PostgreSQL cannot store, ids that are not
// ids, and HTTP bodies that are not GraphQL requests are refused with a code that names
// the problem (and the field), before anything is written.
import { randomBytes } from 'node:crypto';
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { wsClient } from './realtime-client';

let t: TestApp;
let customer: Account;
let admin: Account;
let shop: Bookable;
beforeAll(async () => {
  t = await startTestApp();
  [customer, admin, shop] = await Promise.all([aCustomer(t), anAdmin(t), anOpenProvider(t)]);
});
afterAll(() => t.stop());

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'caf\uD800e';
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`;

describe('text that cannot be stored', () => {
  it.each([
    ['a NUL in a new account’s name', NUL],
    ['half a surrogate pair in a new account’s name', LONE_SURROGATE],
  ])('refuses %s with BAD_USER_INPUT naming the name, and creates no account', async (_what, name) => {
    const email = `nul-${randomBytes(4).toString('hex')}@example.test`;
    const r = await t.gql(REGISTER, { input: { email, password: 'correct-horse-battery', name } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.field).toBe('name');
    expect(await t.app.infra.prisma.user.count({ where: { email } })).toBe(0);
  });

  it.each([
    [
      'login email (a literal)',
      () => t.gql(`mutation { login(email: "x\\u0000@example.test", password: "whatever-123") { accessToken } }`),
      'email',
    ],
    [
      'search words',
      () => t.gql(`query($f: ServiceFilter) { services(filter: $f) { totalCount } }`, { f: { search: LONE_SURROGATE } }),
      'search',
    ],
    [
      'a profile name',
      () => t.gql(`mutation($n: String) { updateProfile(input: { name: $n }) { id } }`, { n: NUL }, { token: customer.token }),
      'name',
    ],
    [
      'a cancellation reason',
      async () => {
        const held = await aHeldBooking(t, shop);
        return t.gql(
          `mutation($id: ID!, $r: String) { cancelBooking(id: $id, reason: $r) { id } }`,
          { id: held.bookingId, r: NUL },
          { token: held.customer.token },
        );
      },
      'reason',
    ],
    [
      'a new service’s title',
      () =>
        t.gql(
          `mutation($input: ServiceInput!) { createService(input: $input) { id } }`,
          {
            input: {
              title: `Deep clean ${NUL}`,
              description: 'A thorough clean',
              categoryId: '00000000-0000-4000-8000-000000000000',
              durationMinutes: 60,
              priceAmount: 1000,
            },
          },
          { token: shop.provider.token },
        ),
      'title',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, send, field) => {
    const r = await send();
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.field).toBe(field);
  });

  it('refuses it over WebSocket too', async () => {
    const client = wsClient(t, customer.token);
    try {
      const r = await client.run(`mutation($n: String) { updateProfile(input: { name: $n }) { id } }`, { n: NUL });
      expect(r.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors[0]!.extensions!.field).toBe('name');
    } finally {
      await client.close();
    }
    const me = await t.gql(`{ me { name } }`, {}, { token: customer.token });
    expect(me.data!.me.name).not.toContain('\u0000');
  });
});

describe('ids that are not ids', () => {
  const BAD = 'not-a-uuid';
  it.each([
    ['booking', `query($id: ID!) { booking(id: $id) { id } }`, () => customer],
    ['service', `query($id: ID!) { service(id: $id) { id } }`, () => customer],
    ['provider', `query($id: ID!) { provider(id: $id) { id } }`, () => customer],
    ['acceptBooking', `mutation($id: ID!) { acceptBooking(id: $id) { id } }`, () => shop.provider],
    ['cancelBooking', `mutation($id: ID!) { cancelBooking(id: $id) { id } }`, () => customer],
    ['completeBooking', `mutation($id: ID!) { completeBooking(id: $id) { id } }`, () => shop.provider],
    ['startPayment', `mutation($id: ID!) { startPayment(bookingId: $id) { redirectUrl } }`, () => customer],
    ['revokeSession', `mutation($id: ID!) { revokeSession(id: $id) }`, () => customer],
    ['revokeApiKey', `mutation($id: ID!) { revokeApiKey(id: $id) }`, () => customer],
    ['suspendUser', `mutation($id: ID!) { suspendUser(userId: $id, suspended: true) { id } }`, () => admin],
    ['setUserRole', `mutation($id: ID!) { setUserRole(userId: $id, role: ADMIN) { id } }`, () => admin],
    ['removeAvailabilityException', `mutation($id: ID!) { removeAvailabilityException(id: $id) }`, () => shop.provider],
    ['markNotificationsRead', `mutation($id: ID!) { markNotificationsRead(ids: [$id]) }`, () => customer],
  ])('%s answers a malformed id with BAD_USER_INPUT, not a 500', async (_name, query, who) => {
    const r = await t.gql(query, { id: BAD }, { token: who().token });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toMatch(/: not a valid id/);
  });
});

describe('HTTP bodies that are not GraphQL requests', () => {
  async function post(body: string | Buffer, headers: Record<string, string>, cookie?: string) {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { ...headers, ...(cookie ? { cookie } : {}) }, body });
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(text).not.toMatch(/<html|<pre>|\n\s+at |node_modules|\/src\//i);
    return { status: res.status, json: JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] } };
  }

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const r = await post('{"query": "{ __typename }"', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a body over the limit with 413', async () => {
    const r = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }), {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(413);
    expect(r.json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a POST that is not JSON with 415', async () => {
    const r = await post('{ __typename }', { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' });
    expect(r.status).toBe(415);
    expect(r.json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('treats a mangled refresh cookie as no cookie: UNAUTHENTICATED, not a 500', async () => {
    const r = await post(
      JSON.stringify({ query: 'mutation { refreshSession(refreshCookie: true) { accessToken } }' }),
      { 'content-type': 'application/json' },
      'homeser_refresh=%E0%A4%A',
    );
    expect(r.json.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
