// Reviews on the embedded defaults (PGlite, in-process cache): the write transaction and its
// unique-index guard, the batched page SQL with cursors, and the ranking SQL work there as
// on PostgreSQL.
import { aCustomer } from './support/accounts';
import { codes, startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { aPastBooking, aShop, review, reviewsBehindTheApi, stars } from './reviews-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});
afterAll(() => t.stop());

it('writes, pages and ranks reviews on PGlite', async () => {
  const [steady, newcomer] = [await aShop(t), await aShop(t)];
  const customer = await aCustomer(t);
  await reviewsBehindTheApi(t, steady, customer, [...stars(8, 5), ...stars(2, 4), ...stars(10, 3)]);
  const booking = await aPastBooking(t, newcomer, customer);
  const actions = `query($id: ID!) { booking(id: $id) { allowedActions review { rating } } }`;
  expect((await t.gql(actions, { id: booking.id }, { token: customer.token })).data!.booking).toEqual({
    allowedActions: ['REVIEW'],
    review: null,
  });

  const racing = await Promise.all([5, 5].map((rating) => review(t, customer, booking.id, rating, 'Great')));
  expect(racing.flatMap(codes)).toEqual(['CONFLICT']);
  expect((await t.gql(actions, { id: booking.id }, { token: customer.token })).data!.booking).toEqual({
    allowedActions: [],
    review: { rating: 5 },
  });

  const q = `query($p: ID!, $after: String) { provider(id: $p) { rank ratingCount
    reviews(first: 8, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
  const seen: string[] = [];
  let after: string | null = null;
  for (let more = true; more;) {
    const r: GqlResult = await t.gql(q, { p: steady.provider.id, after });
    expect(r.errors).toBeUndefined();
    const { reviews } = r.data!.provider;
    seen.push(...reviews.edges.map((e: { node: { id: string } }) => e.node.id));
    [after, more] = [reviews.pageInfo.endCursor, reviews.pageInfo.hasNextPage];
  }
  expect(new Set(seen).size).toBe(20);

  // m = 100 / 21 = 4.76: steady (23.8 + 70) / 25 = 3.75, newcomer (23.8 + 5) / 6 = 4.80.
  const top = await t.gql(`{ topProviders { id rank } }`);
  expect(top.data!.topProviders).toEqual([
    { id: newcomer.provider.id, rank: 1 },
    { id: steady.provider.id, rank: 2 },
  ]);
});
