// What the explorer needs of the server: a browser opening /graphql lands on /explorer (no
// CDN landing page in any mode), the SDL is published, and in production only admins may
// introspect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aCustomer, anAdmin } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INTROSPECT = `{ __schema { queryType { name } } }`;
const committedSdl = () => readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');

describe.each([
  ['development', 'test'],
  ['production', 'production'],
])('in %s', (_mode, nodeEnv) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: nodeEnv, PAYMENTS_SANDBOX: 'builtin' } });
  });
  afterAll(() => t.stop());

  it('sends a browser opening /graphql to /explorer, with nothing from a CDN', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/explorer');
    expect(await res.text()).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
  });

  it('still answers queries sent as GET and POST', async () => {
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
      redirect: 'manual',
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await t.gql(`{ categories { id } }`);
    expect(post.status).toBe(200);
  });

  it('publishes the committed schema.graphql', async () => {
    const res = await fetch(`${t.url}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(committedSdl());
  });

  it('lets admins introspect', async () => {
    const admin = await anAdmin(t);
    const r = await t.gql(INTROSPECT, {}, { token: admin.token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.__schema.queryType.name).toBe('Query');
  });
});

describe('introspection for everyone else', () => {
  it('is open outside production', async () => {
    const t = await startTestApp();
    try {
      expect((await t.gql(INTROSPECT)).data!.__schema.queryType.name).toBe('Query');
    } finally {
      await t.stop();
    }
  });

  it('is refused in production, to strangers and signed-in non-admins, pointing at /schema.graphql', async () => {
    const t = await startTestApp({ env: { NODE_ENV: 'production', PAYMENTS_SANDBOX: 'builtin' } });
    try {
      const customer = await aCustomer(t);
      for (const opts of [{}, { token: customer.token }]) {
        const r = await t.gql(`{ __type(name: "Booking") { name } }`, {}, opts);
        expect(codes(r)).toEqual(['FORBIDDEN']);
        expect(r.errors![0]!.message).toContain('/schema.graphql');
      }
      // __typename is not introspection: clients' caches rely on it.
      expect((await t.gql(`{ __typename }`, {}, { token: customer.token })).data).toEqual({ __typename: 'Query' });
    } finally {
      await t.stop();
    }
  });
});
