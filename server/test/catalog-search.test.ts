// Browsing and searching services: filters and orders together, full-text and typo search,
// keyset pagination that survives concurrent inserts, and a fixed query count per page.
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aCategory, aProvider, aService, manyServices, type ProviderAccount } from './catalog-builders';
import { fewestStatements, statementsDuring } from './support/statements';
import { aCustomer } from './support/accounts';
import { aReview, aShop } from './reviews-builders';

let t: TestApp;
let plumbing: string;
let cleaning: string;
let dhaka: ProviderAccount;
let ctg: ProviderAccount;
let unrated: ProviderAccount;
const ids: Record<string, string> = {};

const LIST = `query($filter: ServiceFilter, $orderBy: ServiceOrder, $first: Int, $after: String) {
  services(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title price { amount } provider { id ratingAverage } } }
  }
}`;
type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; title: string; price: { amount: number }; provider: { id: string; ratingAverage: number | null } } }[];
};

async function list(variables: Record<string, unknown>): Promise<Page> {
  const r = await t.gql(LIST, variables);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.services;
}
const titles = (p: Page) => p.edges.map((e) => e.node.title);

beforeAll(async () => {
  t = await startTestApp();
  [plumbing, cleaning] = [await aCategory(t, 'Plumbing'), await aCategory(t, 'Cleaning')];
  dhaka = await aProvider(t, { businessName: 'Dhaka Pipes', city: 'Dhaka' });
  ctg = await aProvider(t, { businessName: 'Port City Services', city: 'Chattogram' });
  unrated = await aProvider(t, { businessName: 'New in Town', city: 'Dhaka' });
  const prisma = t.app.infra.prisma;
  await prisma.providerProfile.update({ where: { id: dhaka.providerId }, data: { ratingSum: 9, ratingCount: 2 } }); // 4.5
  await prisma.providerProfile.update({ where: { id: ctg.providerId }, data: { ratingSum: 4, ratingCount: 1 } }); // 4.0
  const add = async (key: string, who: ProviderAccount, categoryId: string, title: string, priceAmount: number, description?: string) =>
    (ids[key] = await aService(t, who, { categoryId, title, priceAmount, ...(description && { description }) }));
  await add('sink', dhaka, plumbing, 'Kitchen Sink Plumbing', 60000, 'Sink installation, waste pipes, traps and mixer taps fitted.');
  await add(
    'tap',
    ctg,
    plumbing,
    'Leaking Tap & Pipe Repair',
    50000,
    'Our plumber fixes dripping taps and leaking pipes: plumbing repair.',
  );
  await add('drain', unrated, plumbing, 'Drain Unclogging', 90000, 'Blocked drains cleared with spring cables and jetting.');
  await add('bath', dhaka, cleaning, 'Bathroom Deep Cleaning', 150000, 'Tiles scrubbed, limescale removed, everything disinfected.');
  await add('sofa', ctg, cleaning, 'Sofa Shampoo Cleaning', 120000, 'Shampoo cleaning of sofas and carpets with an extraction machine.');
});
afterAll(() => t.stop());

describe('filters and orders', () => {
  it('combines category, city and price filters', async () => {
    expect(titles(await list({ filter: { categoryId: plumbing, city: 'dhaka' }, orderBy: 'PRICE_ASC' }))).toEqual([
      'Kitchen Sink Plumbing',
      'Drain Unclogging',
    ]);
    expect(titles(await list({ filter: { minPrice: 60000, maxPrice: 130000 }, orderBy: 'PRICE_DESC' }))).toEqual([
      'Sofa Shampoo Cleaning',
      'Drain Unclogging',
      'Kitchen Sink Plumbing',
    ]);
    const one = await list({ filter: { providerId: ctg.providerId, categoryId: cleaning } });
    expect([one.totalCount, titles(one)]).toEqual([1, ['Sofa Shampoo Cleaning']]);
  });

  it('orders by provider rating with unrated providers last, and by newest', async () => {
    const byRating = await list({ orderBy: 'RATING' });
    expect(byRating.edges.map((e) => e.node.provider.ratingAverage)).toEqual([4.5, 4.5, 4, 4, null]);
    expect(titles(await list({ orderBy: 'NEWEST', first: 2 }))).toEqual(['Sofa Shampoo Cleaning', 'Bathroom Deep Cleaning']);
    // RELEVANCE without words to match is NEWEST.
    expect(titles(await list({ first: 2 }))).toEqual(['Sofa Shampoo Cleaning', 'Bathroom Deep Cleaning']);
  });

  it('searches titles and descriptions, best match first', async () => {
    const r = await list({ filter: { search: 'plumbing' } });
    expect(titles(r).sort()).toEqual(['Kitchen Sink Plumbing', 'Leaking Tap & Pipe Repair']);
    expect(titles(r)[0]).toBe('Kitchen Sink Plumbing'); // the word in the title outranks it in the description
    expect(titles(await list({ filter: { search: 'shampoo sofa' } }))).toEqual(['Sofa Shampoo Cleaning']);
    expect(titles(await list({ filter: { search: 'cleaning', city: 'Chattogram' }, orderBy: 'PRICE_ASC' }))).toEqual([
      'Sofa Shampoo Cleaning',
    ]);
  });

  it('finds "plumbing" from the typo "plumbng"', async () => {
    expect(titles(await list({ filter: { search: 'plumbng' } }))).toContain('Kitchen Sink Plumbing');
    expect(titles(await list({ filter: { search: 'unclogingg' } }))).toEqual(['Drain Unclogging']);
  });

  it.each(['cleening', 'claening', 'CLEANIGN'])('finds the cleaning services from a wrong or swapped letter: "%s"', async (search) => {
    const r = await list({ filter: { search } });
    expect(titles(r).sort()).toEqual(['Bathroom Deep Cleaning', 'Sofa Shampoo Cleaning']);
    expect(r.totalCount).toBe(2);
  });

  it('forgives typos word by word, and only one per word', async () => {
    expect(titles(await list({ filter: { search: 'sofa claening' } }))).toEqual(['Sofa Shampoo Cleaning']);
    expect(titles(await list({ filter: { search: 'kitchne snik' } }))).toEqual(['Kitchen Sink Plumbing']);
    expect((await list({ filter: { search: 'claaening' } })).totalCount).toBe(0); // two letters off
    expect((await list({ filter: { search: 'clxxning' } })).totalCount).toBe(0);
  });

  it('hides inactive services from the list', async () => {
    const id = await aService(t, dhaka, { categoryId: plumbing, title: 'Temporary Plumbing Offer', priceAmount: 1000 });
    expect(titles(await list({ filter: { search: 'temporary' } }))).toEqual(['Temporary Plumbing Offer']);
    await t.gql(`mutation($id: ID!) { updateService(id: $id, input: { active: false }) { id } }`, { id }, { token: dhaka.token });
    expect((await list({ filter: { search: 'temporary' } })).totalCount).toBe(0);
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    const first = await list({ orderBy: 'PRICE_ASC', first: 1 });
    for (const variables of [
      { first: 101 },
      { first: 0 },
      { after: 'garbage' },
      { orderBy: 'NEWEST', after: first.pageInfo.endCursor }, // a cursor of another order
      { filter: { categoryId: 'x' } },
      { filter: { minPrice: -1 } },
      { filter: { availableFrom: '2030-01-01T00:00:00Z' } },
    ]) {
      expect(codes(await t.gql(LIST, variables))).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('pagination', () => {
  let category: string;
  let original: string[];
  beforeAll(async () => {
    category = await aCategory(t, 'Walks');
    // Many equal prices and one creation instant for all: ties must be broken by id.
    original = await manyServices(t, [dhaka.providerId, ctg.providerId], category, 45, (i) => ({ priceAmount: 1000 * (i % 4) + 1000 }));
  });

  it.each(['PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'RATING'])('walks every %s result once while services are added', async (orderBy) => {
    const seen: string[] = [];
    let after: string | null = null;
    let added = 0;
    for (let pages = 0; pages < 30; pages++) {
      const page: Page = await list({ filter: { categoryId: category }, orderBy, first: 7, after });
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // Someone adds services at both ends of the price range between our pages.
      await manyServices(t, [ctg.providerId], category, 2, () => ({ priceAmount: added++ % 2 ? 500 : 99000 }));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(original));
  });

  it('walks a search the same way', async () => {
    const walk = async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await list({ filter: { search: 'home service' }, first: 4, after });
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    const { seen, total } = await walk();
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(original));
  });
});

describe('availability filter', () => {
  it('keeps services whose provider has a free slot in the window', async () => {
    const open = await aProvider(t, { businessName: 'Always Open' });
    const serviceId = await aService(t, open, { categoryId: cleaning, title: 'Window Washing' });
    const rules = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }));
    const set = await t.gql(
      `mutation($input: AvailabilitySettingsInput!) { setAvailability(input: $input) { timeZone } }`,
      { input: { rules } },
      { token: open.token },
    );
    expect(set.errors).toBeUndefined();
    const from = new Date(Date.now() + 3 * 86_400_000);
    const page = await list({
      filter: { availableFrom: from.toISOString(), availableTo: new Date(from.getTime() + 86_400_000).toISOString() },
    });
    expect(page.edges.map((e) => e.node.id)).toEqual([serviceId]);
  });
});

describe('query count', () => {
  let fresh: TestApp;
  beforeAll(async () => {
    // No cache, so every request really reads the database.
    fresh = await startTestApp({ env: { CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => fresh.stop());

  it('loads a page with providers, owners, categories and images in a fixed number of statements', async () => {
    const prisma = fresh.app.infra.prisma;
    const category = await prisma.category.create({ data: { slug: 'n1', name: 'N+1' } });
    const providers = [];
    for (let i = 0; i < 50; i++) providers.push((await aProvider(fresh, { businessName: `Provider ${i}`, name: `Owner ${i}` })).providerId);
    const serviceIds = await manyServices(fresh, providers, category.id, 50);
    await prisma.serviceImage.createMany({
      data: serviceIds.flatMap((serviceId) =>
        [0, 1].map((position) => ({ serviceId, position, publicId: `homeser/x/${serviceId}-${position}` })),
      ),
    });

    const query = `query($first: Int, $filter: ServiceFilter) { services(first: $first, filter: $filter) { totalCount edges { node { id title price { amount currency }
      category { name serviceCount } images { publicId url(width: 400, height: 300) }
      provider { businessName ratingAverage owner { name avatarUrl } } } } } }`;
    const statements = (first: number) =>
      fewestStatements(fresh, async () => {
        const r = await fresh.gql(query, { first });
        expect(r.errors).toBeUndefined();
        expect(r.data!.services.edges).toHaveLength(first);
        // Every card's own owner, from the page's own statement.
        for (const { node } of r.data!.services.edges as { node: { provider: { businessName: string; owner: { name: string } } } }[])
          expect(node.provider.owner.name).toBe(node.provider.businessName.replace('Provider', 'Owner'));
      });
    const ten = await statements(10);
    const fifty = await statements(50);
    expect(fifty).toBe(ten);
    expect(fifty).toBeLessThanOrEqual(2); // the page with its owners' profiles, and the categories
    // A search page too (its typo patterns add conditions, not statements).
    expect(
      await fewestStatements(fresh, async () => {
        const r = await fresh.gql(query, { first: 50, filter: { search: 'servise claening' } });
        expect(r.errors).toBeUndefined();
      }),
    ).toBeLessThanOrEqual(2);
  });

  it('never reads a password hash (or an email or phone) for a public page', async () => {
    const owner = await aProvider(fresh, { businessName: 'Hash Free' });
    await aService(fresh, owner, { categoryId: await aCategory(fresh, 'Hash Free'), title: 'Hash Free Plumbing' });
    const pages = `query($id: ID!) {
      services(first: 50, filter: { search: "plumbng" }) { edges { node { title provider { owner { name avatarUrl } } } } }
      provider(id: $id) { businessName owner { name } services(first: 5) { edges { node { title } } } }
    }`;
    // Background jobs may read users meanwhile (and only add statements): one clean try proves the page's own.
    const userReads = async () => {
      const sql = await statementsDuring(fresh, async () => {
        const r = await fresh.gql(pages, { id: owner.providerId });
        expect(r.errors).toBeUndefined();
        expect(r.data!.provider.owner.name).toBe('Pat Provider');
      });
      return sql.filter((s) => s.includes('app_user'));
    };
    let reads = await userReads();
    for (let i = 0; i < 2 && reads.some((s) => /password_hash|email|phone/.test(s)); i++) reads = await userReads();
    expect(reads.length).toBeGreaterThan(0); // the owners were read…
    expect(reads.filter((s) => /password_hash|email|phone/.test(s))).toEqual([]); // …and nothing else of them
  });

  it('reads review authors as public profiles too (no password hash, email or phone)', async () => {
    const shop = await aShop(fresh);
    await aReview(fresh, shop, await aCustomer(fresh, { name: 'Rita Reviewer' }), 5, 'Spotless');
    const page = `query($id: ID!) { provider(id: $id) { owner { name } reviews(first: 5) { edges { node { author { name } } } } } }`;
    const userReads = async () => {
      const sql = await statementsDuring(fresh, async () => {
        const r = await fresh.gql(page, { id: shop.provider.id });
        expect(r.errors).toBeUndefined();
        expect(r.data!.provider.reviews.edges.map((e: { node: { author: { name: string } } }) => e.node.author.name)).toEqual([
          'Rita Reviewer',
        ]);
      });
      return sql.filter((s) => s.includes('app_user'));
    };
    let reads = await userReads();
    for (let i = 0; i < 2 && reads.some((s) => /password_hash|email|phone/.test(s)); i++) reads = await userReads();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((s) => /password_hash|email|phone/.test(s))).toEqual([]);
  });
});
