// Providers and their services through the API: who may do what, and what bad input does.
import { aCustomer, anAdmin } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aCategory, aProvider, aService, CREATE_SERVICE } from './catalog-builders';

let t: TestApp;
let categoryId: string;
beforeAll(async () => {
  t = await startTestApp();
  categoryId = await aCategory(t);
});
afterAll(() => t.stop());

const UPDATE = `mutation($id: ID!, $input: ServiceUpdateInput!) { updateService(id: $id, input: $input) { id title active priceAmount: price { amount } terms } }`;
const countServices = () => t.app.infra.prisma.service.count();

describe('becoming a provider', () => {
  it('opens a business, promotes the role and shows the owner only as a public profile', async () => {
    const customer = await aCustomer(t, { name: 'Rahim Uddin' });
    const r = await t.gql(
      `mutation($input: ProviderProfileInput!) {
        becomeProvider(input: $input) { id businessName bio city timeZone ratingAverage ratingCount owner { id name } }
      }`,
      { input: { businessName: 'Rahim Plumbing Works', bio: 'Twenty years of pipes', city: 'Dhaka', timeZone: 'Asia/Dhaka' } },
      { token: customer.token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.becomeProvider).toMatchObject({
      businessName: 'Rahim Plumbing Works',
      city: 'Dhaka',
      timeZone: 'Asia/Dhaka',
      ratingAverage: null,
      ratingCount: 0,
      owner: { id: customer.id, name: 'Rahim Uddin' },
    });
    const me = await t.gql(`{ me { role provider { id businessName } } }`, {}, { token: customer.token });
    expect(me.data!.me).toEqual({ role: 'PROVIDER', provider: { id: r.data!.becomeProvider.id, businessName: 'Rahim Plumbing Works' } });

    // PublicProfile has no contact fields at all: asking for them is a validation error.
    const leak = await t.gql(`query($id: ID!) { provider(id: $id) { owner { email phone } } }`, { id: r.data!.becomeProvider.id });
    expect(codes(leak)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a second profile, an unknown time zone and a blank business name', async () => {
    const provider = await aProvider(t);
    const again = await t.gql(
      `mutation { becomeProvider(input: { businessName: "Again", timeZone: "Asia/Dhaka" }) { id } }`,
      {},
      { token: provider.token },
    );
    expect(codes(again)).toEqual(['CONFLICT']);

    const someone = await aCustomer(t);
    const zone = await t.gql(
      `mutation { becomeProvider(input: { businessName: "Fixit", timeZone: "Mars/Olympus" }) { id } }`,
      {},
      { token: someone.token },
    );
    expect(codes(zone)).toEqual(['BAD_USER_INPUT']);
    expect(zone.errors![0]!.extensions!.field).toBe('timeZone');
    const blank = await t.gql(
      `mutation { becomeProvider(input: { businessName: " ", timeZone: "Asia/Dhaka" }) { id } }`,
      {},
      { token: someone.token },
    );
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'businessName' });
    expect(await t.app.infra.prisma.providerProfile.count({ where: { userId: someone.id } })).toBe(0);
  });

  it('lets a provider edit their profile', async () => {
    const provider = await aProvider(t);
    const r = await t.gql(
      `mutation { updateProviderProfile(input: { businessName: "New Name", city: "Chattogram", timeZone: "Asia/Kolkata" }) { businessName city timeZone bio } }`,
      {},
      { token: provider.token },
    );
    expect(r.data!.updateProviderProfile).toEqual({ businessName: 'New Name', city: 'Chattogram', timeZone: 'Asia/Kolkata', bio: null });
  });
});

describe('services', () => {
  it('creates a service with defaults and reads it back with provider and category', async () => {
    const provider = await aProvider(t, { businessName: 'Tap Masters' });
    const id = await aService(t, provider, { categoryId, title: 'Kitchen Sink Plumbing' });
    const r = await t.gql(
      `query($id: ID!) { service(id: $id) { title price { amount currency } durationMinutes bufferMinutes instantBooking terms active
        provider { businessName } category { id } images { id } } }`,
      { id },
    );
    expect(r.data!.service).toEqual({
      title: 'Kitchen Sink Plumbing',
      price: { amount: 80000, currency: 'BDT' },
      durationMinutes: 60,
      bufferMinutes: 0,
      instantBooking: false,
      terms: null,
      active: true,
      provider: { businessName: 'Tap Masters' },
      category: { id: categoryId },
      images: [],
    });
  });

  it('refuses customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const customer = await aCustomer(t);
    const before = await countServices();
    const input = { categoryId, title: 'Sneaky', description: 'Not a provider at all, honestly.', priceAmount: 100, durationMinutes: 30 };
    expect(codes(await t.gql(CREATE_SERVICE, { input }, { token: customer.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(CREATE_SERVICE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await countServices()).toBe(before);
  });

  it.each([
    ['title', { title: 'ab' }],
    ['description', { description: 'short' }],
    ['priceAmount', { priceAmount: 0 }],
    ['priceAmount', { priceAmount: -500 }],
    ['durationMinutes', { durationMinutes: 62 }],
    ['durationMinutes', { durationMinutes: 10 }],
    ['durationMinutes', { durationMinutes: 485 }],
    ['bufferMinutes', { bufferMinutes: 241 }],
    ['currency', { currency: 'taka' }],
    ['categoryId', { categoryId: '00000000-0000-4000-8000-000000000000' }],
    ['categoryId', { categoryId: 'not-an-id' }],
  ])('names the bad field (%s) and writes nothing', async (field, bad) => {
    const provider = await aProvider(t);
    const before = await countServices();
    const input = {
      categoryId,
      title: 'Drain Unclogging',
      description: 'Clears blocked drains with spring cables.',
      priceAmount: 90000,
      durationMinutes: 60,
      ...bad,
    };
    const r = await t.gql(CREATE_SERVICE, { input }, { token: provider.token });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors![0]!.message).toMatch(new RegExp(`^${field}: `));
    expect(await countServices()).toBe(before);
  });

  it('lets the owner update and deactivate, refuses another provider, allows an admin', async () => {
    const owner = await aProvider(t);
    const other = await aProvider(t);
    const id = await aService(t, owner, { categoryId, terms: 'Parts extra' });

    const mine = await t.gql(UPDATE, { id, input: { title: 'Faster Tap Repair', priceAmount: 95000, terms: '' } }, { token: owner.token });
    expect(mine.data!.updateService).toMatchObject({
      title: 'Faster Tap Repair',
      priceAmount: { amount: 95000 },
      terms: null,
      active: true,
    });

    const theirs = await t.gql(UPDATE, { id, input: { title: 'Hijacked' } }, { token: other.token });
    expect(codes(theirs)).toEqual(['FORBIDDEN']);
    const customer = await aCustomer(t);
    expect(codes(await t.gql(UPDATE, { id, input: { title: 'Hijacked' } }, { token: customer.token }))).toEqual(['FORBIDDEN']);

    const admin = await anAdmin(t);
    const byAdmin = await t.gql(UPDATE, { id, input: { active: false } }, { token: admin.token });
    expect(byAdmin.data!.updateService).toMatchObject({ title: 'Faster Tap Repair', active: false });
    const row = await t.app.infra.prisma.service.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'Faster Tap Repair', active: false, priceAmount: 95000 });
  });

  it('leaves the row untouched when an update is invalid', async () => {
    const owner = await aProvider(t);
    const id = await aService(t, owner, { categoryId });
    const before = await t.app.infra.prisma.service.findUniqueOrThrow({ where: { id } });
    const r = await t.gql(UPDATE, { id, input: { title: 'Still valid title', durationMinutes: 33 } }, { token: owner.token });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durationMinutes' });
    expect(await t.app.infra.prisma.service.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(
      codes(await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { title: 'x y z' } }, { token: owner.token })),
    ).toEqual(['NOT_FOUND']);
  });

  it("shows a provider's inactive services to the provider only", async () => {
    const owner = await aProvider(t);
    const live = await aService(t, owner, { categoryId, title: 'Live one' });
    const hidden = await aService(t, owner, { categoryId, title: 'Hidden one' });
    await t.gql(UPDATE, { id: hidden, input: { active: false } }, { token: owner.token });
    const q = `query($id: ID!) { provider(id: $id) { services { totalCount edges { node { id } } } } }`;
    const stranger = await t.gql(q, { id: owner.providerId });
    expect(stranger.data!.provider.services.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([live]);
    const own = await t.gql(q, { id: owner.providerId }, { token: owner.token });
    expect(own.data!.provider.services.totalCount).toBe(2);
    // A withdrawn service still resolves by id, marked inactive.
    expect((await t.gql(`query($id: ID!) { service(id: $id) { active } }`, { id: hidden })).data!.service).toEqual({ active: false });
  });

  it('answers null for unknown ids and BAD_USER_INPUT for malformed ones', async () => {
    const r = await t.gql(
      `{ a: service(id: "00000000-0000-4000-8000-000000000000") { id } b: provider(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(r.data).toEqual({ a: null, b: null });
    expect(codes(await t.gql(`{ service(id: "nope") { id } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets an API key with CATALOG_READ browse the catalog', async () => {
    const customer = await aCustomer(t);
    const key = await t.gql(`mutation { createApiKey(name: "browse", scopes: [CATALOG_READ]) { secret } }`, {}, { token: customer.token });
    const r = await t.gql(`{ categories { id } services(first: 1) { totalCount } }`, {}, { apiKey: key.data!.createApiKey.secret });
    expect(r.errors).toBeUndefined();
  });
});
