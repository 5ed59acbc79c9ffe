// Writing a review: only the customer of a COMPLETED booking, once (also when two submits
// race), with a checked rating and comment; the provider's rating and the cached catalog
// pages follow; allowedActions offers REVIEW until it is written.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aBookingRow, hourFromNow } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aPastBooking, aShop, review, type Shop } from './reviews-builders';
import { fewestStatements } from './support/statements';

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp();
  shop = await aShop(t);
});
afterAll(() => t.stop());

const reviewsOf = (bookingId: string) => t.app.infra.prisma.review.findMany({ where: { bookingId } });
const totals = async () =>
  t.app.infra.prisma.providerProfile.findUniqueOrThrow({ where: { id: shop.provider.id }, select: { ratingSum: true, ratingCount: true } });

describe('createReview', () => {
  it('lets the customer review a completed booking once; a second time is a CONFLICT', async () => {
    const customer = await aCustomer(t, { name: 'Rita Reviewer' });
    const booking = await aPastBooking(t, shop, customer);
    const first = await review(t, customer, booking.id, 4, '  Fixed the tap in twenty minutes.  ');
    expect(first.errors).toBeUndefined();
    expect(first.data!.createReview).toMatchObject({
      rating: 4,
      comment: 'Fixed the tap in twenty minutes.',
      author: { id: customer.id, name: 'Rita Reviewer', avatarUrl: null },
    });

    const second = await review(t, customer, booking.id, 1, 'Changed my mind');
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(await reviewsOf(booking.id)).toEqual([expect.objectContaining({ rating: 4 })]);
  });

  it('keeps exactly one of many submits racing for the same booking', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const before = await totals();
    const attempts = await Promise.all([1, 2, 3, 4, 5].map((rating) => review(t, customer, booking.id, rating)));
    const won = attempts.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(attempts.flatMap(codes).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    const stored = await reviewsOf(booking.id);
    expect(stored).toHaveLength(1);
    // The provider's totals moved once, by the winner's rating.
    expect(await totals()).toEqual({ ratingSum: before.ratingSum + stored[0]!.rating, ratingCount: before.ratingCount + 1 });
  });

  it('lets only the customer review: the provider, an admin and a stranger are FORBIDDEN', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const others: Account[] = [shop.provider.account, await anAdmin(t), await aCustomer(t)];
    for (const other of others) expect(codes(await review(t, other, booking.id, 5))).toEqual(['FORBIDDEN']);
    expect(await reviewsOf(booking.id)).toEqual([]);
  });

  let hoursAhead = 100;
  it.each(['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const)(
    'refuses a %s booking with INVALID_TRANSITION',
    async (status) => {
      const customer = await aCustomer(t);
      const booking = await aBookingRow(t, shop.service, customer.id, hourFromNow((hoursAhead += 2)), status);
      const r = await review(t, customer, booking.id, 5);
      expect(codes(r)).toEqual(['INVALID_TRANSITION']);
      expect(r.errors![0]!.message).toMatch(/cannot review a booking that is/);
      expect(await reviewsOf(booking.id)).toEqual([]);
    },
  );

  it.each([
    ['no stars', 0, null, 'rating'],
    ['six stars', 6, null, 'rating'],
    ['a comment over 2000 characters', 5, 'x'.repeat(2001), 'comment'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, rating, comment, field) => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const before = await totals();
    const r = await review(t, customer, booking.id, rating, comment);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.field).toBe(field);
    expect(await reviewsOf(booking.id)).toEqual([]);
    expect(await totals()).toEqual(before);
  });

  it('trims the comment: 2000 characters inside spaces fit, and blank means none', async () => {
    const customer = await aCustomer(t);
    const long = await review(t, customer, (await aPastBooking(t, shop, customer)).id, 5, `  ${'y'.repeat(2000)}  `);
    expect(long.data!.createReview.comment).toHaveLength(2000);
    const blank = await review(t, customer, (await aPastBooking(t, shop, customer)).id, 3, '   ');
    expect(blank.data!.createReview.comment).toBeNull();
  });

  it('answers NOT_FOUND for a booking that does not exist, and UNAUTHENTICATED without a sign-in', async () => {
    const customer = await aCustomer(t);
    expect(codes(await review(t, customer, '00000000-0000-4000-8000-000000000000', 5))).toEqual(['NOT_FOUND']);
    const booking = await aPastBooking(t, shop, customer);
    const anonymous = await t.gql(`mutation($b: ID!) { createReview(bookingId: $b, rating: 5) { id } }`, { b: booking.id });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });

  it('takes API keys with the BOOKINGS_WRITE scope only', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const key = async (scopes: string[]) =>
      (
        await t.gql(
          `mutation($s: [ApiScope!]!) { createApiKey(name: "Reviews", scopes: $s) { secret } }`,
          { s: scopes },
          { token: customer.token },
        )
      ).data!.createApiKey.secret as string;
    const create = `mutation($b: ID!) { createReview(bookingId: $b, rating: 5) { rating } }`;
    expect(codes(await t.gql(create, { b: booking.id }, { apiKey: await key(['CATALOG_READ']) }))).toEqual(['FORBIDDEN']);
    const r = await t.gql(create, { b: booking.id }, { apiKey: await key(['BOOKINGS_WRITE']) });
    expect(r.data!.createReview.rating).toBe(5);
  });
});

describe("the provider's rating", () => {
  it('moves ratingAverage and ratingCount, and a cached services page shows them on the next read', async () => {
    const fresh = await aShop(t);
    const page = `query($p: ID!) { services(filter: { providerId: $p }) { edges { node { provider { ratingAverage ratingCount } } } } }`;
    const providerOnPage = async () => (await t.gql(page, { p: fresh.provider.id })).data!.services.edges[0].node.provider;
    const profile = async () =>
      (await t.gql(`query($p: ID!) { provider(id: $p) { ratingAverage ratingCount rank } }`, { p: fresh.provider.id })).data!.provider;
    expect(await providerOnPage()).toEqual({ ratingAverage: null, ratingCount: 0 });
    expect(await profile()).toEqual({ ratingAverage: null, ratingCount: 0, rank: null });
    const pageStatements = await fewestStatements(t, async () =>
      expect(await providerOnPage()).toEqual({ ratingAverage: null, ratingCount: 0 }),
    );
    expect(pageStatements).toBe(0); // the page now comes from the cache

    const customer = await aCustomer(t);
    await review(t, customer, (await aPastBooking(t, fresh, customer)).id, 5);
    await review(t, customer, (await aPastBooking(t, fresh, customer)).id, 2);
    expect(await providerOnPage()).toEqual({ ratingAverage: 3.5, ratingCount: 2 });
    expect(await profile()).toEqual({ ratingAverage: 3.5, ratingCount: 2, rank: expect.any(Number) });
  });
});

describe('allowedActions', () => {
  const actions = async (who: Account, id: string) =>
    (await t.gql(`query($id: ID!) { booking(id: $id) { allowedActions } }`, { id }, { token: who.token })).data!.booking.allowedActions;

  it('offers REVIEW to the customer of a completed booking until it is reviewed, and never to the provider', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    expect(await actions(customer, booking.id)).toEqual(['REVIEW']);
    expect(await actions(shop.provider.account, booking.id)).toEqual([]);
    await review(t, customer, booking.id, 4);
    expect(await actions(customer, booking.id)).toEqual([]);
  });

  it('decides REVIEW booking by booking in a list', async () => {
    const customer = await aCustomer(t);
    const [done, open, upcoming] = [
      await aPastBooking(t, shop, customer),
      await aPastBooking(t, shop, customer),
      await aBookingRow(t, shop.service, customer.id, hourFromNow(3000), 'CONFIRMED'),
    ];
    await review(t, customer, done.id, 5);
    const r = await t.gql(`{ myBookings { edges { node { id allowedActions review { rating } } } } }`, {}, { token: customer.token });
    const byId = new Map(r.data!.myBookings.edges.map((e: { node: { id: string } }) => [e.node.id, e.node]));
    expect(byId.get(done.id)).toEqual({ id: done.id, allowedActions: [], review: { rating: 5 } });
    expect(byId.get(open.id)).toEqual({ id: open.id, allowedActions: ['REVIEW'], review: null });
    expect(byId.get(upcoming.id)).toMatchObject({ allowedActions: ['CANCEL', 'RESCHEDULE'], review: null });
  });
});

describe('replyToReview', () => {
  const REPLY = `mutation($id: ID!, $reply: String!) { replyToReview(reviewId: $id, reply: $reply) { id reply repliedAt } }`;
  const PAGE = `query($id: ID!) { provider(id: $id) { reviews(first: 5) { edges { node { id reply repliedAt } } } } }`;

  it('lets the reviewed provider answer in public, replace the answer and take it down', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const { id } = (await review(t, customer, booking.id, 2, 'Came an hour late.')).data!.createReview as { id: string };

    const answered = await t.gql(
      REPLY,
      { id, reply: '  Sorry: traffic on the bridge. Next visit is on us.  ' },
      { token: shop.provider.account.token },
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.replyToReview).toMatchObject({ id, reply: 'Sorry: traffic on the bridge. Next visit is on us.' });
    expect(Date.parse(answered.data!.replyToReview.repliedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Anyone reading the provider's page sees it (the cached public read moved on).
    const read = await t.gql(PAGE, { id: shop.provider.id });
    expect(read.data!.provider.reviews.edges.map((e: { node: { id: string } }) => e.node)).toContainEqual(
      expect.objectContaining({ id, reply: 'Sorry: traffic on the bridge. Next visit is on us.' }),
    );

    await t.gql(REPLY, { id, reply: 'Sorry for the wait.' }, { token: shop.provider.account.token });
    expect((await t.app.infra.prisma.review.findUniqueOrThrow({ where: { id } })).reply).toBe('Sorry for the wait.');
    const removed = await t.gql(REPLY, { id, reply: '   ' }, { token: shop.provider.account.token });
    expect(removed.data!.replyToReview).toEqual({ id, reply: null, repliedAt: null });
  });

  it('lets nobody else answer: the author, an admin and another provider are FORBIDDEN; a bad id is NOT_FOUND or BAD_USER_INPUT', async () => {
    const customer = await aCustomer(t);
    const booking = await aPastBooking(t, shop, customer);
    const { id } = (await review(t, customer, booking.id, 5)).data!.createReview as { id: string };
    const other = await aShop(t);
    for (const who of [customer, await anAdmin(t), other.provider.account]) {
      expect(codes(await t.gql(REPLY, { id, reply: 'Thanks!' }, { token: who.token }))).toEqual(['FORBIDDEN']);
    }
    expect((await t.app.infra.prisma.review.findUniqueOrThrow({ where: { id } })).reply).toBeNull();
    expect(
      codes(await t.gql(REPLY, { id: '00000000-0000-4000-8000-000000000000', reply: 'x' }, { token: shop.provider.account.token })),
    ).toEqual(['NOT_FOUND']);
    const long = await t.gql(REPLY, { id, reply: 'x'.repeat(2001) }, { token: shop.provider.account.token });
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reply' });
  });
});
