// Cached catalog reads: a write shows on the next read, Redis going away only costs speed,
// and the edge response cache in front of Express serves anonymous GETs until a write.
import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { createResponseCache } from '../src/http/response-cache';
import { aCustomer } from './support/accounts';
import { testRedisUrl } from './support/databases';
import { monitorRedis, type RedisMonitor } from './support/redis-monitor';
import { startTestApp, type TestApp } from './support/test-app';
import { aCategory, aProvider, aService, type ProviderAccount } from './catalog-builders';

const SERVICE = `query($id: ID!) { service(id: $id) { title price { amount } provider { businessName } } }`;
const RENAME = `mutation($id: ID!, $title: String!) { updateService(id: $id, input: { title: $title }) { title } }`;

describe('the data cache', () => {
  let t: TestApp;
  let owner: ProviderAccount;
  let categoryId: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await aProvider(t, { businessName: 'Cache Cleaners' });
    categoryId = await aCategory(t, 'Cleaning');
  });
  afterAll(() => t.stop());

  it('serves repeated reads from the cache and shows a write on the next read', async () => {
    const id = await aService(t, owner, { categoryId, title: 'Sofa Cleaning' });
    expect((await t.gql(SERVICE, { id })).data!.service.title).toBe('Sofa Cleaning');
    // Changed behind the API's back: the cached row is still what readers get...
    await t.app.infra.prisma.service.update({ where: { id }, data: { title: 'Changed in SQL' } });
    expect((await t.gql(SERVICE, { id })).data!.service.title).toBe('Sofa Cleaning');
    // ...while a write through the API retires it at once.
    await t.gql(RENAME, { id, title: 'Carpet Cleaning' }, { token: owner.token });
    expect((await t.gql(SERVICE, { id })).data!.service).toMatchObject({
      title: 'Carpet Cleaning',
      provider: { businessName: 'Cache Cleaners' },
    });
  });

  it('shows a new service in the cached list and the category count', async () => {
    const q = `query($c: ID!) { services(filter: { categoryId: $c }) { totalCount } categories { id serviceCount } }`;
    const before = (await t.gql(q, { c: categoryId })).data!;
    await aService(t, owner, { categoryId, title: 'Window Cleaning' });
    const after = (await t.gql(q, { c: categoryId })).data!;
    expect(after.services.totalCount).toBe(before.services.totalCount + 1);
    const count = (d: typeof after) => d.categories.find((c: { id: string }) => c.id === categoryId).serviceCount;
    expect(count(after)).toBe(count(before) + 1);
  });

  it('revives dates from the cache', async () => {
    const id = await aService(t, owner, { categoryId });
    const q = `query($id: ID!) { service(id: $id) { createdAt } services(first: 1) { edges { node { createdAt } } } }`;
    const cold = (await t.gql(q, { id })).data!;
    const warm = (await t.gql(q, { id })).data!;
    expect(warm).toEqual(cold);
    expect(warm.service.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  });
});

describe('Redis commands per catalog page', () => {
  let t: TestApp;
  let monitor: RedisMonitor;
  const seen: string[] = [];
  const PAGE = `{ services(first: 20) { totalCount edges { node { title price { amount } category { name }
    provider { businessName rank ratingAverage owner { name } } images { url } } } } }`;
  beforeAll(async () => {
    t = await startTestApp();
    const categoryId = await aCategory(t, 'Cleaning');
    for (let i = 0; i < 6; i++) {
      const owner = await aProvider(t, { businessName: `Counted ${i}` });
      await aService(t, owner, { categoryId, title: `Counted Cleaning ${i}` });
      const provider = await t.app.infra.prisma.providerProfile.findUniqueOrThrow({ where: { userId: owner.id } });
      await t.app.infra.prisma.providerProfile.update({ where: { id: provider.id }, data: { ratingCount: 3, ratingSum: 10 + i } });
    }
    const prefix = t.app.infra.config.redis.prefix;
    monitor = await monitorRedis(testRedisUrl, ({ name, args }) => {
      if (args.some((a) => a.startsWith(prefix))) seen.push([name, ...args].join(' '));
    });
  });
  afterAll(async () => {
    monitor.stop();
    await t.stop();
  });

  /** Commands one page costs, asked by a signed-in customer (so the edge cache, which keeps anonymous reads, stays out). */
  const commandsOf = async (token: string) => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the process's memory of the version lapses
    seen.length = 0;
    const r = await t.gql(PAGE, {}, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.services.edges[0].node.provider.rank).toEqual(expect.any(Number));
    await new Promise((resolve) => setTimeout(resolve, 100)); // MONITOR lines arrive after the answer
    return seen.filter((c) => !c.includes('auth:session:')); // the signed-in caller's session check is not the page's
  };

  it('costs at most 3 commands warm and 5 cold (the version, a page and its categories), whatever the number of providers', async () => {
    const { token } = await aCustomer(t);
    await t.app.services.catalog.catalogChanged(); // everything cold: a new version
    const cold = await commandsOf(token);
    const warm = await commandsOf(token);
    expect(cold.length).toBeLessThanOrEqual(5);
    expect(warm.length).toBeLessThanOrEqual(3);
    expect(warm.length).toBeGreaterThan(0); // the version is still read: other instances' writes must show
  });
});

describe('with Redis gone mid-test', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('keeps answering from the database, and writes still show', async () => {
    const owner = await aProvider(t);
    const id = await aService(t, owner, { categoryId: await aCategory(t) });
    expect((await t.gql(SERVICE, { id })).errors).toBeUndefined();

    t.app.infra.redis!.disconnect(); // this app's connection only; the Redis server keeps running for other tests
    const r = await t.gql(`query($id: ID!) { service(id: $id) { title } services { totalCount } categories { name } }`, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.services.totalCount).toBe(1);
    await t.gql(RENAME, { id, title: 'Renamed without Redis' }, { token: owner.token });
    expect((await t.gql(SERVICE, { id })).data!.service.title).toBe('Renamed without Redis');
  });
});

describe('the edge response cache as app.ts installs it, with rate limits on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_API_PER_MINUTE: '8' } });
  });
  afterAll(() => t.stop());

  it('spends the caller’s budget on hits too, so a cached answer is refused when an executed one would be', async () => {
    const body = JSON.stringify({ query: '{ categories { id } }' });
    const answers: { status: number; cache: string | null }[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      answers.push({ status: res.status, cache: res.headers.get('x-cache') });
      await new Promise((resolve) => setTimeout(resolve, 150)); // lets the edge read the catalog version
    }
    expect(answers.slice(0, 8).every((a) => a.status === 200)).toBe(true);
    expect(answers.slice(0, 8).some((a) => a.cache === 'HIT')).toBe(true);
    expect(answers.slice(8).map((a) => a.status)).toEqual([429, 429]);
  });
});

describe('the edge response cache', () => {
  let t: TestApp;
  let owner: ProviderAccount;
  let serviceId: string;
  const query = `query Page($c: ID) { services(filter: { categoryId: $c }) { edges { node { title provider { owner { name } } } } } }`;
  let categoryId: string;

  // Wires the cache in front of the app as app.ts would: createServer(cache.handle(app)).
  const installEdge = (app: TestApp) => {
    const server = app.app.httpServer;
    // The last listener answers; the ones before it only watch (the graceful stop's tracker).
    const express = (server.listeners('request') as RequestListener[]).at(-1)!;
    server.removeListener('request', express);
    server.on('request', createResponseCache(app.app.services.catalog, { ttlSeconds: 60, versionCheckMs: 50 }).handle(express));
  };
  const get = async (params: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const search = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    const res = await fetch(`${t.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
    const body = (await res.json()) as { data: { services: { edges: { node: { title: string } }[] } } };
    return { cache: res.headers.get('x-cache'), titles: body.data?.services?.edges?.map((e) => e.node.title), status: res.status };
  };
  const untilHit = async (params: Record<string, unknown>) => {
    for (let i = 0; i < 20; i++) {
      const r = await get(params);
      if (r.cache === 'HIT') return r;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    throw new Error('never served from the edge cache');
  };

  beforeAll(async () => {
    t = await startTestApp();
    installEdge(t);
    owner = await aProvider(t);
    categoryId = await aCategory(t);
    serviceId = await aService(t, owner, { categoryId, title: 'Edge Plumbing' });
  });
  afterAll(() => t.stop());

  it('answers repeated anonymous GETs from memory until a catalog write', async () => {
    const params = { query, variables: { c: categoryId } };
    expect((await untilHit(params)).titles).toEqual(['Edge Plumbing']);
    await t.gql(RENAME, { id: serviceId, title: 'Edge Plumbing Renamed' }, { token: owner.token });
    expect((await get(params)).titles).toEqual(['Edge Plumbing Renamed']);
    expect((await untilHit(params)).titles).toEqual(['Edge Plumbing Renamed']);
  });

  it('lets concurrent misses of one page wait for a single execution', async () => {
    const params = { query, variables: { c: categoryId } };
    await t.gql(RENAME, { id: serviceId, title: 'Edge Plumbing Stampede' }, { token: owner.token });
    await untilHit({ query: '{ categories { id } }' }); // the cache has read the new version back
    const burst = await Promise.all(Array.from({ length: 12 }, () => get(params)));
    expect(burst.filter((r) => r.cache === 'MISS')).toHaveLength(1);
    expect(burst.filter((r) => r.cache === 'HIT')).toHaveLength(11);
    expect(burst.every((r) => r.titles?.[0] === 'Edge Plumbing Stampede')).toBe(true);
    await t.gql(RENAME, { id: serviceId, title: 'Edge Plumbing Renamed' }, { token: owner.token });
  });

  it('serves persisted-query GETs by hash once the query was seen', async () => {
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    await get({ query, variables: { c: categoryId }, extensions }); // registers the query with Apollo
    const byHash = await untilHit({ variables: { c: categoryId }, extensions });
    expect(byHash.titles).toEqual(['Edge Plumbing Renamed']);
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await res.json()) as {
      data?: { services?: { edges: { node: { title: string } }[] } };
      errors?: { extensions: { code: string } }[];
    };
    return {
      cache: res.headers.get('x-cache'),
      status: res.status,
      titles: json.data?.services?.edges.map((e) => e.node.title),
      codes: json.errors?.map((e) => e.extensions.code),
    };
  };
  const untilPostHit = async (body: unknown) => {
    for (let i = 0; i < 20; i++) {
      const r = await post(body);
      if (r.cache === 'HIT') return r;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    throw new Error('never served from the edge cache');
  };

  it('answers a repeated anonymous POST from memory, keyed by the document (not its spelling) and variables, until a catalog write', async () => {
    await t.gql(RENAME, { id: serviceId, title: 'Edge Posted' }, { token: owner.token });
    const body = { query, variables: { c: categoryId }, operationName: 'Page' };
    expect((await untilPostHit(body)).titles).toEqual(['Edge Posted']);
    // Other whitespace, commas and a comment, variables in another order: the same entry.
    const respelled = { operationName: 'Page', variables: { c: categoryId }, query: `# the page\n${query.replace(/ /g, '\n  ,')}` };
    expect(await post(respelled)).toMatchObject({ cache: 'HIT', titles: ['Edge Posted'] });
    // A GET of the same operation shares it too.
    expect((await get(body)).cache).toBe('HIT');
    // Other variables are another entry.
    expect((await post({ ...body, variables: { c: null } })).cache).toBe('MISS');
    await t.gql(RENAME, { id: serviceId, title: 'Edge Posted Again' }, { token: owner.token });
    expect(await post(body)).toMatchObject({ cache: 'MISS', titles: ['Edge Posted Again'] });
    expect((await untilPostHit(body)).titles).toEqual(['Edge Posted Again']);
  });

  it('serves automatic persisted queries posted by hash alone, once the query was seen', async () => {
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post({
      variables: { c: categoryId },
      extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
    });
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    await post({ query, variables: { c: categoryId }, extensions }); // registers the query with Apollo
    expect((await untilPostHit({ variables: { c: categoryId }, extensions })).titles).toEqual(['Edge Posted Again']);
    // A hash that does not match its query is Apollo's to refuse, never a hit.
    const mismatched = await post({
      query,
      variables: { c: categoryId },
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(mismatched.cache).not.toBe('HIT');
    expect(mismatched.codes).toHaveLength(1);
  });

  it('never keeps signed-in POSTs, mutations, or what the operation policy refuses', async () => {
    const body = { query, variables: { c: categoryId } };
    await untilPostHit(body);
    const deep = `{ services { edges { node { provider { services { edges { node { provider { services { edges { node { provider { id } } } } } } } } } } } } }`;
    const notUuid = { query: 'query($id: ID!) { service(id: $id) { title } }', variables: { id: 'not-a-uuid\u0000' } };
    for (let i = 0; i < 3; i++) {
      expect((await post(body, { authorization: `Bearer ${owner.token}` })).cache).toBeNull();
      const mutation = await post({ query: RENAME, variables: { id: serviceId, title: 'x' } });
      expect([mutation.cache, mutation.codes]).toEqual([null, ['UNAUTHENTICATED']]);
      const tooDeep = await post({ query: deep });
      expect(tooDeep.cache).not.toBe('HIT');
      expect(tooDeep.status).toBe(400);
      const guarded = await post(notUuid);
      expect(guarded.cache).not.toBe('HIT');
      expect(guarded.codes).toEqual(['BAD_USER_INPUT']);
    }
    // A body the edge has read still reaches Express's JSON errors when it is not JSON.
    const malformed = await post('{"query": "{ categories { id } }"');
    expect([malformed.status, malformed.codes]).toEqual([400, ['BAD_REQUEST']]);
  });

  it('never keeps signed-in, non-catalog or failed requests', async () => {
    const signedIn = { authorization: `Bearer ${owner.token}` };
    for (let i = 0; i < 3; i++) {
      expect((await get({ query, variables: { c: categoryId } }, signedIn)).cache).toBeNull();
      expect((await get({ query: '{ me { id } services { totalCount } }' })).cache).not.toBe('HIT');
      expect((await get({ query: '{ services(first: 500) { totalCount } }' })).cache).not.toBe('HIT');
    }
  });
});
