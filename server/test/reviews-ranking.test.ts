// The platform ranking: a Bayesian average pulls every provider towards the platform mean by
// five imaginary reviews, so a single 5-star review does not outrank a hundred averaging 4.8;
// ties go to more reviews, then the provider id. topProviders filters by category and is
// cached under the catalog version, so a new review shows on the next read.
import { aCustomer, type Account } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aReview, aShop, reviewsBehindTheApi, stars, type Shop } from './reviews-builders';
import { fewestStatements } from './support/statements';

const TOP = `query($c: ID, $first: Int) { topProviders(categoryId: $c, first: $first) { id rank ratingCount } }`;
const RANK = `query($p: ID!) { provider(id: $p) { rank } }`;

async function aCategory(t: TestApp, slug: string): Promise<string> {
  return (await t.app.infra.prisma.category.create({ data: { slug, name: slug } })).id;
}

describe('ranking by the Bayesian average', () => {
  let t: TestApp;
  let author: Account;
  let cleaning: string;
  let plumbing: string;
  let steady: Shop; // 100 reviews averaging 4.8
  let newcomer: Shop; // one 5-star review
  let mixed: Shop; // 20 reviews averaging 3.5
  let unrated: Shop;
  const top = async (vars: { c?: string; first?: number } = {}) => {
    const r = await t.gql(TOP, vars);
    expect(r.errors).toBeUndefined();
    return r.data!.topProviders as { id: string; rank: number; ratingCount: number }[];
  };
  const rankOf = async (shop: Shop) => (await t.gql(RANK, { p: shop.provider.id })).data!.provider.rank;

  beforeAll(async () => {
    t = await startTestApp();
    author = await aCustomer(t);
    [cleaning, plumbing] = [await aCategory(t, 'cleaning'), await aCategory(t, 'plumbing')];
    steady = await aShop(t, { categoryId: cleaning });
    newcomer = await aShop(t, { categoryId: plumbing });
    mixed = await aShop(t, { categoryId: plumbing });
    await aShop(t, { categoryId: cleaning }); // a cleaner without reviews
    await t.app.infra.prisma.service.create({
      data: {
        providerId: mixed.provider.id,
        categoryId: cleaning,
        title: 'Withdrawn',
        description: 'No longer offered',
        priceAmount: 1,
        durationMinutes: 60,
        active: false,
      },
    });
    unrated = await aShop(t, { categoryId: plumbing });
    await reviewsBehindTheApi(t, steady, author, [...stars(80, 5), ...stars(20, 4)]);
    await reviewsBehindTheApi(t, newcomer, author, [5]);
    await reviewsBehindTheApi(t, mixed, author, [...stars(10, 4), ...stars(10, 3)]);
  });
  afterAll(() => t.stop());

  // m = (480 + 5 + 70) / 121 = 4.587: steady (22.93 + 480) / 105 = 4.79, newcomer (22.93 + 5) / 6 = 4.66,
  // mixed (22.93 + 70) / 25 = 3.72.
  it('puts a hundred reviews at 4.8 above a single 5-star review', async () => {
    const ranking = await top();
    expect(ranking.slice(0, 3)).toEqual([
      { id: steady.provider.id, rank: 1, ratingCount: 100 },
      { id: newcomer.provider.id, rank: 2, ratingCount: 1 },
      { id: mixed.provider.id, rank: 3, ratingCount: 20 },
    ]);
    expect(await rankOf(newcomer)).toBe(2);
  });

  it('leaves providers without a review unranked', async () => {
    expect(await rankOf(unrated)).toBeNull();
    expect((await top()).map((p) => p.id)).not.toContain(unrated.provider.id);
  });

  it('filters by category: providers with an active service in it, keeping their platform rank', async () => {
    expect(await top({ c: plumbing })).toEqual([
      { id: newcomer.provider.id, rank: 2, ratingCount: 1 },
      { id: mixed.provider.id, rank: 3, ratingCount: 20 },
    ]);
    // mixed's cleaning service is withdrawn; the other cleaning shop has no reviews.
    expect(await top({ c: cleaning })).toEqual([{ id: steady.provider.id, rank: 1, ratingCount: 100 }]);
    expect(await top({ c: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
  });

  it('returns the first n, and refuses a bad n or category id', async () => {
    expect((await top({ first: 2 })).map((p) => p.rank)).toEqual([1, 2]);
    expect(codes(await t.gql(TOP, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(TOP, { c: 'plumbing' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('shows a new review on the next read of the cached ranking', async () => {
    expect(await top({ c: plumbing })).toHaveLength(2);
    const cachedStatements = await fewestStatements(t, async () => expect(await top({ c: plumbing })).toHaveLength(2));
    expect(cachedStatements).toBe(0); // served from the cache
    const customer = await aCustomer(t);
    await aReview(t, unrated, customer, 4, 'Good, a little late');
    // m = 4.590: unrated (22.95 + 4) / 6 = 4.49 comes between newcomer and mixed.
    expect((await top({ c: plumbing })).map((p) => [p.id, p.rank])).toEqual([
      [newcomer.provider.id, 2],
      [unrated.provider.id, 3],
      [mixed.provider.id, 4],
    ]);
    expect(await rankOf(unrated)).toBe(3);
    expect(await rankOf(mixed)).toBe(4);
  });
});

describe('ties', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('go to the provider with more reviews, then to the lower provider id', async () => {
    // Every provider averages 4, the platform mean, so every score is exactly 4.
    const author = await aCustomer(t);
    const [busy, a, b] = [await aShop(t), await aShop(t), await aShop(t)];
    await reviewsBehindTheApi(t, busy, author, [4, 4, 4]);
    await reviewsBehindTheApi(t, a, author, [3, 5]);
    await reviewsBehindTheApi(t, b, author, [5, 3]);
    const [first, second] = [a.provider.id, b.provider.id].sort();
    const r = await t.gql(TOP, {});
    expect(r.data!.topProviders.map((p: { id: string; rank: number }) => [p.id, p.rank])).toEqual([
      [busy.provider.id, 1],
      [first, 2],
      [second, 3],
    ]);
  });
});
