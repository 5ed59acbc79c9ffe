// Cached catalog reads: a write shows on the next read, Redis going away only costs speed,
// and the edge response cache in front of Express serves anonymous GETs until a write.
import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { createResponseCache } from '../src/http/response-cache';
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

  it('never keeps signed-in, non-catalog or failed requests', async () => {
    const signedIn = { authorization: `Bearer ${owner.token}` };
    for (let i = 0; i < 3; i++) {
      expect((await get({ query, variables: { c: categoryId } }, signedIn)).cache).toBeNull();
      expect((await get({ query: '{ me { id } services { totalCount } }' })).cache).not.toBe('HIT');
      expect((await get({ query: '{ services(first: 500) { totalCount } }' })).cache).not.toBe('HIT');
    }
  });
});
