// Admins keep the category list through the API: create, rename, archive, restore; and a
// fresh production database gets the standard categories from the reference seed.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aBookingRow, aProvider as aScheduledProvider, aService, hourFromNow } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { seedReferenceData } from '../src/seed/reference-data';

let t: TestApp;
let admin: Account;
beforeAll(async () => {
  t = await startTestApp();
  admin = await anAdmin(t);
});
afterAll(() => t.stop());

const FIELDS = 'id name slug sortOrder archivedAt serviceCount';
const CREATE = `mutation($input: CategoryInput!) { createCategory(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CategoryUpdateInput!) { updateCategory(id: $id, input: $input) { ${FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!, $archived: Boolean) { archiveCategory(id: $id, archived: $archived) { ${FIELDS} } }`;
const CATEGORIES = `query($all: Boolean) { categories(includeArchived: $all) { id slug } }`;
const BROWSE = `query($filter: ServiceFilter) { services(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;

const unique = () => Math.random().toString(36).slice(2, 8);

async function aCategory(name: string) {
  const r = await t.gql(CREATE, { input: { name } }, { token: admin.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.createCategory as { id: string; slug: string };
}

describe('category mutations', () => {
  it('lets an admin add a category with a slug made from its name, listed last', async () => {
    const name = `Garden Care ${unique()}`;
    const r = await t.gql(CREATE, { input: { name } }, { token: admin.token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createCategory).toMatchObject({ name, slug: name.toLowerCase().replace(/ /g, '-'), archivedAt: null, serviceCount: 0 });
    const listed = (await t.gql(CATEGORIES)).data!.categories as { id: string }[];
    expect(listed.at(-1)!.id).toBe(r.data!.createCategory.id);
  });

  it('refuses a slug another category has, and bad names and slugs, writing nothing', async () => {
    const first = await aCategory(`Roofing ${unique()}`);
    const before = await t.app.infra.prisma.category.count();
    const clash = await t.gql(CREATE, { input: { name: 'Roofing again', slug: first.slug } }, { token: admin.token });
    expect(clash.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    const badSlug = await t.gql(CREATE, { input: { name: 'Painting', slug: 'Painting Walls!' } }, { token: admin.token });
    expect(badSlug.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    const blank = await t.gql(CREATE, { input: { name: ' ' } }, { token: admin.token });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const other = await aCategory(`Tiling ${unique()}`);
    const renameClash = await t.gql(UPDATE, { id: other.id, input: { slug: first.slug } }, { token: admin.token });
    expect(renameClash.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect(await t.app.infra.prisma.category.count()).toBe(before + 1);
  });

  it('is for admins only', async () => {
    const customer = await aCustomer(t);
    const provider = await aScheduledProvider(t);
    for (const token of [customer.token, provider.account.token]) {
      expect(codes(await t.gql(CREATE, { input: { name: 'Sneaky' } }, { token }))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await t.gql(CREATE, { input: { name: 'Sneaky' } }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(CATEGORIES, { all: true }, { token: customer.token }))).toEqual(['FORBIDDEN']);
    expect(await t.app.infra.prisma.category.count({ where: { name: 'Sneaky' } })).toBe(0);
  });

  it('renames and reorders a category', async () => {
    const c = await aCategory(`Carpentry ${unique()}`);
    const r = await t.gql(UPDATE, { id: c.id, input: { name: 'Woodwork', sortOrder: 0 } }, { token: admin.token });
    expect(r.data!.updateCategory).toMatchObject({ id: c.id, name: 'Woodwork', slug: c.slug, sortOrder: 0 });
    const missing = await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { name: 'Ghost' } }, { token: admin.token });
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });

  it('archiving hides the services from browse and new listings but keeps their bookings; restoring brings them back', async () => {
    const category = await aCategory(`Pool Care ${unique()}`);
    const provider = await aScheduledProvider(t);
    const service = await aService(t, provider);
    await t.app.infra.prisma.service.update({ where: { id: service.id }, data: { categoryId: category.id } });
    const customer = await aCustomer(t);
    const booking = await aBookingRow(t, service, customer.id, hourFromNow(30), 'CONFIRMED');
    const browse = async (filter: Record<string, unknown>) =>
      ((await t.gql(BROWSE, { filter })).data!.services.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(await browse({ categoryId: category.id })).toEqual([service.id]);

    const archived = await t.gql(ARCHIVE, { id: category.id }, { token: admin.token });
    expect(archived.data!.archiveCategory.archivedAt).not.toBeNull();
    expect(await browse({ categoryId: category.id })).toEqual([]);
    expect(await browse({ providerId: provider.id })).toEqual([]);
    const publicList = (await t.gql(CATEGORIES)).data!.categories as { id: string }[];
    expect(publicList.map((c) => c.id)).not.toContain(category.id);
    const adminList = (await t.gql(CATEGORIES, { all: true }, { token: admin.token })).data!.categories as { id: string }[];
    expect(adminList.map((c) => c.id)).toContain(category.id);

    // The booking and the service page stay.
    const seen = await t.gql(
      `query($id: ID!) { booking(id: $id) { status service { id category { id archivedAt } } } }`,
      { id: booking.id },
      { token: customer.token },
    );
    expect(seen.data!.booking).toMatchObject({ status: 'CONFIRMED', service: { id: service.id, category: { id: category.id } } });
    const listing = await t.gql(
      `mutation($input: ServiceInput!) { createService(input: $input) { id } }`,
      {
        input: {
          categoryId: category.id,
          title: 'Pool cleaning',
          description: 'Skimming and chlorine',
          priceAmount: 100_000,
          durationMinutes: 60,
        },
      },
      { token: provider.account.token },
    );
    expect(listing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryId' });

    await t.gql(ARCHIVE, { id: category.id, archived: false }, { token: admin.token });
    expect(await browse({ categoryId: category.id })).toEqual([service.id]);
  });
});

describe('reference data', () => {
  it('writes the standard categories once, and no people', async () => {
    const prisma = t.app.infra.prisma;
    const users = await prisma.user.count();
    const first = await seedReferenceData(prisma);
    expect(first).toBe(8);
    expect(await seedReferenceData(prisma)).toBe(0);
    expect(await prisma.category.count({ where: { slug: { in: ['cleaning', 'plumbing', 'electrical'] } } })).toBe(3);
    expect(await prisma.user.count()).toBe(users);
  });
});
