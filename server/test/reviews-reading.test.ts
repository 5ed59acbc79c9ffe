// Reading reviews: a provider's reviews page by page (newest first, no duplicates or gaps),
// each author as a PublicProfile only, Booking.review, and a page of providers costing a
// fixed number of statements.
import { aCustomer } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aPastBooking, aReview, aShop, REVIEW_FIELDS, review, reviewsBehindTheApi, stars, type Shop } from './reviews-builders';
import { fewestStatements } from './support/statements';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const PAGE = `query($p: ID!, $first: Int, $after: String) { provider(id: $p) {
  reviews(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id rating } } } } }`;
const pageOf = async (shop: Shop, first: number | null, after?: string | null) => {
  const r = await t.gql(PAGE, { p: shop.provider.id, first, after });
  expect(r.errors).toBeUndefined();
  return r.data!.provider.reviews;
};

describe("a provider's reviews", () => {
  it('pages newest first with no duplicates or gaps, also across reviews sharing an instant', async () => {
    const shop = await aShop(t);
    const author = await aCustomer(t);
    // 23 reviews; the first ten all written at one instant, so only the id orders them.
    const sameInstant = new Date(Date.now() - 3_600_000);
    await reviewsBehindTheApi(t, shop, author, stars(23, 4), (i) => (i < 10 ? sameInstant : new Date(Date.now() - 60_000 * (i + 1))));
    const expected = await t.app.infra.prisma.review.findMany({
      where: { providerId: shop.provider.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });

    const seen: string[] = [];
    let after: string | null = null;
    let page;
    do {
      page = await pageOf(shop, 5, after);
      expect(page.totalCount).toBe(23);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.endCursor;
    } while (page.pageInfo.hasNextPage);
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(page.edges).toHaveLength(3);
  });

  it('keeps walking where it was when a new review arrives mid-walk', async () => {
    const shop = await aShop(t);
    const customer = await aCustomer(t);
    const older = await reviewsBehindTheApi(t, shop, customer, stars(6, 5));
    const first = await pageOf(shop, 3);
    const newest = await aReview(t, shop, customer, 3);
    const rest = await pageOf(shop, 3, first.pageInfo.endCursor);
    expect([...first.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual(older);
    expect(rest.totalCount).toBe(7);
    expect((await pageOf(shop, null)).edges[0].node.id).toBe(newest);
  });

  it('answers an empty connection for a provider without reviews, and refuses bad page arguments', async () => {
    const shop = await aShop(t);
    expect(await pageOf(shop, null)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    for (const [first, after] of [
      [0, null],
      [101, null],
      [5, 'not-a-cursor'],
    ] as const) {
      expect(codes(await t.gql(PAGE, { p: shop.provider.id, first, after }))).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('authors', () => {
  it('are public profiles: name and avatar, never email or phone', async () => {
    const shop = await aShop(t);
    const customer = await aCustomer(t, { name: 'Nadia Noor' });
    await t.app.infra.prisma.user.update({
      where: { id: customer.id },
      data: { phone: '+8801700000000', avatarPublicId: 'avatars/nadia' },
    });
    await aReview(t, shop, customer, 5, 'Spotless work');
    const q = `query($p: ID!) { provider(id: $p) { reviews { edges { node { ${REVIEW_FIELDS} author { __typename } } } } } }`;
    const node = (await t.gql(q, { p: shop.provider.id })).data!.provider.reviews.edges[0].node;
    expect(node.author).toEqual({
      __typename: 'PublicProfile',
      id: customer.id,
      name: 'Nadia Noor',
      avatarUrl: expect.stringContaining('avatars/nadia'),
    });

    for (const secret of ['email', 'phone']) {
      const leak = await t.gql(`query($p: ID!) { provider(id: $p) { reviews { edges { node { author { ${secret} } } } } } }`, {
        p: shop.provider.id,
      });
      expect(codes(leak)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });
});

describe('Booking.review', () => {
  it('is null until the customer writes it, then both parties see it', async () => {
    const shop = await aShop(t);
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const q = `query($id: ID!) { booking(id: $id) { review { rating comment author { name } } } }`;
    expect((await t.gql(q, { id: booking.id }, { token: customer.token })).data!.booking.review).toBeNull();
    await review(t, customer, booking.id, 4, 'On time');
    for (const who of [customer, shop.provider.account]) {
      expect((await t.gql(q, { id: booking.id }, { token: who.token })).data!.booking.review).toEqual({
        rating: 4,
        comment: 'On time',
        author: { name: 'Casey Customer' },
      });
    }
  });
});

describe('batching', () => {
  it('reads a page of providers with reviews, authors and ranks in as many statements as a smaller page', async () => {
    const author = await aCustomer(t);
    for (let i = 0; i < 6; i++) await reviewsBehindTheApi(t, await aShop(t), author, [5, 4, 3]);
    const q = `query($first: Int) { topProviders(first: $first) { rank owner { name } reviews(first: 2) { totalCount edges { node { rating author { name } } } } } }`;
    const statements = (first: number) =>
      fewestStatements(t, async () => {
        const r = await t.gql(q, { first });
        expect(r.errors).toBeUndefined();
        expect(r.data!.topProviders).toHaveLength(first);
      });
    const three = await statements(3);
    const six = await statements(6);
    expect(six).toBe(three);
    expect(six).toBeLessThanOrEqual(6);
  });
});
