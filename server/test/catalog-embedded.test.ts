// The catalog on the embedded defaults (PGlite, in-process cache): full-text and trigram
// search, the keyset page SQL and cache invalidation work there as on PostgreSQL.
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { aCategory, aProvider, aService, manyServices } from './catalog-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});
afterAll(() => t.stop());

const titles = (r: { data: Record<string, { edges: { node: { title: string } }[] }> | null }) =>
  r.data!.services.edges.map((e) => e.node.title);

it('searches, orders and pages on PGlite', async () => {
  const categoryId = await aCategory(t, 'Plumbing');
  const provider = await aProvider(t, { city: 'Sylhet' });
  await aService(t, provider, { categoryId, title: 'Kitchen Sink Plumbing', priceAmount: 70000 });
  await aService(t, provider, {
    categoryId,
    title: 'Bathroom Deep Cleaning',
    priceAmount: 150000,
    description: 'Tiles scrubbed and limescale removed.',
  });
  await manyServices(t, [provider.providerId], categoryId, 9, (i) => ({ title: `Garden work ${i}`, priceAmount: 1000 + i }));

  const q = `query($filter: ServiceFilter, $orderBy: ServiceOrder, $first: Int, $after: String) {
    services(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { title provider { city owner { name } } category { name } } } } }`;
  const typo = await t.gql(q, { filter: { search: 'plumbng' } });
  expect(typo.errors).toBeUndefined();
  expect(titles(typo)).toEqual(['Kitchen Sink Plumbing']);
  for (const search of ['cleening', 'claening']) {
    expect(titles(await t.gql(q, { filter: { search } }))).toEqual(['Bathroom Deep Cleaning']);
  }
  expect(titles(await t.gql(q, { filter: { search: 'limescale', city: 'sylhet' } }))).toEqual(['Bathroom Deep Cleaning']);

  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await t.gql(q, { orderBy: 'PRICE_ASC', first: 4, after });
    seen.push(...titles(r));
    if (!r.data!.services.pageInfo.hasNextPage) break;
    after = r.data!.services.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(11);
  expect(seen.slice(0, 2)).toEqual(['Garden work 0', 'Garden work 1']);
  expect(seen.at(-1)).toBe('Bathroom Deep Cleaning');
});

it('shows a write on the next cached read', async () => {
  const provider = await aProvider(t);
  const id = await aService(t, provider, { categoryId: await aCategory(t, 'Electrical'), title: 'Fan Installation' });
  const read = async () => (await t.gql(`query($id: ID!) { service(id: $id) { title } categories { name serviceCount } }`, { id })).data!;
  expect((await read()).service.title).toBe('Fan Installation');
  await t.gql(
    `mutation($id: ID!) { updateService(id: $id, input: { title: "Ceiling Fan Installation" }) { id } }`,
    { id },
    { token: provider.token },
  );
  expect((await read()).service.title).toBe('Ceiling Fan Installation');
});
