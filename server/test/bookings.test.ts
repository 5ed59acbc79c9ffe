// Requesting a booking, retrying it, and reading bookings back, through the API on real
// PostgreSQL and Redis. Transitions: bookings-transitions.test.ts; races:
// bookings-race.test.ts; holds running out: bookings-expiry.test.ts.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import {
  aProvider,
  aService,
  anAlwaysOpenProvider,
  BOOKING_FIELDS,
  hourFromNow,
  hours,
  requestBooking,
  workingHours,
  type TestProvider,
  type TestService,
} from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let provider: TestProvider;
let service: TestService;
let customer: Account;
beforeAll(async () => {
  t = await startTestApp();
  provider = await anAlwaysOpenProvider(t);
  service = await aService(t, provider, { priceAmount: 120_000 });
  customer = await aCustomer(t);
});
afterAll(() => t.stop());

const BOOKING = `query($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} customer { id email } provider { id } service { id } } }`;
const bookingCount = () => t.app.infra.prisma.booking.count();
const near = (iso: string, expected: number) => expect(Math.abs(new Date(iso).getTime() - expected)).toBeLessThan(5_000);

describe('requestBooking', () => {
  it('records a request for the provider to answer, at the price of the moment', async () => {
    const startsAt = hourFromNow(48);
    const r = await requestBooking(t, customer, service.id, startsAt, { notes: 'Second floor, ring twice' });
    expect(r.errors).toBeUndefined();
    const booking = r.data!.requestBooking;
    expect(booking).toMatchObject({
      status: 'REQUESTED',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      notes: 'Second floor, ring twice',
      holdExpiresAt: null,
      price: { amount: 120_000, currency: 'BDT' },
      cancellationRefund: null,
      allowedActions: ['CANCEL', 'RESCHEDULE'],
    });
    const row = await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(Math.abs(row.answerBy!.getTime() - (Date.now() + 24 * 3_600_000))).toBeLessThan(5_000);

    await t.app.infra.prisma.service.update({ where: { id: service.id }, data: { priceAmount: 999_00 } });
    const seen = (who: Account) => t.gql(BOOKING, { id: booking.id }, { token: who.token });
    expect((await seen(customer)).data!.booking.price.amount).toBe(120_000);
    await t.app.infra.prisma.service.update({ where: { id: service.id }, data: { priceAmount: 120_000 } });
    expect((await seen(provider.account)).data!.booking.allowedActions).toEqual(['ACCEPT', 'REJECT']);
    expect((await seen(await anAdmin(t))).data!.booking.allowedActions).toEqual(['CANCEL']);
  });

  it('gives the provider until the start to answer when that comes before the answer window closes', async () => {
    const startsAt = hourFromNow(5);
    const r = await requestBooking(t, customer, service.id, startsAt);
    const row = await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: r.data!.requestBooking.id } });
    expect(row.answerBy).toEqual(startsAt);
  });

  it('holds the slot for payment when the service books instantly', async () => {
    const instant = await aService(t, provider, { instantBooking: true });
    const r = await requestBooking(t, customer, instant.id, hourFromNow(50));
    const booking = r.data!.requestBooking;
    expect(booking).toMatchObject({ status: 'PENDING_PAYMENT', allowedActions: ['PAY', 'CANCEL', 'RESCHEDULE'], cancellationRefund: null });
    near(booking.holdExpiresAt, Date.now() + 15 * 60_000);
  });

  it('refuses a slot that overlaps a booking of the provider', async () => {
    const startsAt = hourFromNow(52);
    await requestBooking(t, customer, service.id, startsAt);
    const r = await requestBooking(t, await aCustomer(t), service.id, startsAt);
    expect(codes(r)).toEqual(['SLOT_UNAVAILABLE']);
    expect(r.errors![0]!.message).toBe('That time was just taken; pick another slot');
  });

  describe('refuses bad starts with a clear error and writes nothing', () => {
    const cases: [string, () => Promise<{ serviceId: string; startsAt: Date | string; who?: Account }>, string, RegExp][] = [
      [
        'a start off the slot grid',
        async () => ({ serviceId: service.id, startsAt: new Date(hourFromNow(30).getTime() + 30 * 60_000) }),
        'BAD_USER_INPUT',
        /not one of this service's slots/,
      ],
      ['a start in the past', async () => ({ serviceId: service.id, startsAt: hourFromNow(-5) }), 'BAD_USER_INPUT', /in the past/],
      // Dates whose neighbourhood PostgreSQL cannot write as a date: refused before any read.
      ['a start in year 1', async () => ({ serviceId: service.id, startsAt: '0001-01-01T00:00:00Z' }), 'BAD_USER_INPUT', /in the past/],
      [
        'a start in year 9999',
        async () => ({ serviceId: service.id, startsAt: '9999-12-31T00:00:00Z' }),
        'BAD_USER_INPUT',
        /at most 60 days ahead/,
      ],
      [
        'a start beyond the maximum advance',
        async () => ({ serviceId: service.id, startsAt: hourFromNow(61 * 24) }),
        'BAD_USER_INPUT',
        /at most 60 days ahead/,
      ],
      [
        'a start within the notice',
        async () => {
          const strict = await aProvider(t, { zone: 'UTC' });
          await workingHours(t, strict, hours('00:00', '24:00'), { minNoticeMinutes: 240 });
          return { serviceId: (await aService(t, strict)).id, startsAt: hourFromNow(1) };
        },
        'BAD_USER_INPUT',
        /at least 240 minutes' notice/,
      ],
      [
        'a start outside working hours',
        async () => {
          const dayOnly = await aProvider(t, { zone: 'UTC' });
          await workingHours(t, dayOnly, hours('09:00', '12:00'));
          const evening = new Date(hourFromNow(48));
          evening.setUTCHours(18);
          return { serviceId: (await aService(t, dayOnly)).id, startsAt: evening };
        },
        'BAD_USER_INPUT',
        /outside working hours/,
      ],
      [
        'an unknown service',
        async () => ({ serviceId: '00000000-0000-4000-8000-000000000000', startsAt: hourFromNow(30) }),
        'NOT_FOUND',
        /not found or is no longer offered/,
      ],
      [
        'a malformed service id',
        async () => ({ serviceId: 'svc-1', startsAt: hourFromNow(30) }),
        'BAD_USER_INPUT',
        /serviceId: not a valid id/,
      ],
      [
        'a withdrawn service',
        async () => ({ serviceId: (await aService(t, provider, { active: false })).id, startsAt: hourFromNow(30) }),
        'NOT_FOUND',
        /no longer offered/,
      ],
      [
        "the provider's own service",
        async () => ({ serviceId: service.id, startsAt: hourFromNow(30), who: provider.account }),
        'FORBIDDEN',
        /your own service/,
      ],
    ];
    it.each(cases)('%s', async (_name, make, code, message) => {
      const { serviceId, startsAt, who } = await make();
      const before = await bookingCount();
      const r = await requestBooking(t, who ?? customer, serviceId, startsAt);
      expect(codes(r)).toEqual([code]);
      expect(r.errors![0]!.message).toMatch(message);
      expect(await bookingCount()).toBe(before);
    });

    it('asks anonymous callers to sign in', async () => {
      const r = await t.gql(`mutation($i: BookingInput!) { requestBooking(input: $i) { id } }`, {
        i: { serviceId: service.id, startsAt: hourFromNow(30).toISOString() },
      });
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('with an idempotency key', () => {
    it('returns the first booking on a retry', async () => {
      const startsAt = hourFromNow(70);
      const first = await requestBooking(t, customer, service.id, startsAt, { idempotencyKey: 'retry-1' });
      const again = await requestBooking(t, customer, service.id, startsAt, { idempotencyKey: 'retry-1' });
      expect(again.errors).toBeUndefined();
      expect(again.data!.requestBooking.id).toBe(first.data!.requestBooking.id);
      expect(await t.app.infra.prisma.booking.count({ where: { customerId: customer.id, idempotencyKey: 'retry-1' } })).toBe(1);
    });

    it('returns one booking to retries arriving together', async () => {
      const someone = await aCustomer(t);
      const startsAt = hourFromNow(72);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => requestBooking(t, someone, service.id, startsAt, { idempotencyKey: 'burst' })),
      );
      expect(answers.flatMap(codes)).toEqual([]);
      expect(new Set(answers.map((a) => a.data!.requestBooking.id)).size).toBe(1);
      expect(await t.app.infra.prisma.booking.count({ where: { customerId: someone.id } })).toBe(1);
    });

    it('refuses the same key for a different booking, and keys are per customer', async () => {
      await requestBooking(t, customer, service.id, hourFromNow(74), { idempotencyKey: 'mine' });
      const other = await requestBooking(t, customer, service.id, hourFromNow(75), { idempotencyKey: 'mine' });
      expect(codes(other)).toEqual(['CONFLICT']);
      const someoneElse = await requestBooking(t, await aCustomer(t), service.id, hourFromNow(76), { idempotencyKey: 'mine' });
      expect(someoneElse.data!.requestBooking.status).toBe('REQUESTED');
    });
  });
});

describe('reading bookings', () => {
  it('shows a booking to its customer (with the person), its provider and admins; to no one else', async () => {
    const r = await requestBooking(t, customer, service.id, hourFromNow(80));
    const id = r.data!.requestBooking.id;
    const as = async (who?: Account) => t.gql(BOOKING, { id }, { token: who?.token });
    expect((await as(customer)).data!.booking).toMatchObject({
      id,
      customer: { id: customer.id, email: customer.email },
      provider: { id: provider.id },
      service: { id: service.id },
    });
    expect((await as(provider.account)).data!.booking.customer.email).toBe(customer.email);
    expect((await as(await anAdmin(t))).data!.booking.id).toBe(id);
    const stranger = await as(await aCustomer(t));
    expect(stranger.errors).toBeUndefined();
    expect(stranger.data!.booking).toBeNull();
    expect((await t.gql(BOOKING, { id: '00000000-0000-4000-8000-000000000000' }, { token: customer.token })).data!.booking).toBeNull();
    expect(codes(await as())).toEqual(['UNAUTHENTICATED']);
  });

  it('lists bookings newest start first, filtered, page by page', async () => {
    const p = await anAlwaysOpenProvider(t);
    const s = await aService(t, p);
    const c = await aCustomer(t);
    const starts = [hourFromNow(100), hourFromNow(101), hourFromNow(102), hourFromNow(103)];
    const ids = [];
    for (const at of starts) ids.push((await requestBooking(t, c, s.id, at)).data!.requestBooking.id);
    await t.gql(`mutation($id: ID!) { acceptBooking(id: $id) { id } }`, { id: ids[1] }, { token: p.account.token });

    const LIST = `query($status: [BookingStatus!], $first: Int, $after: String) {
      myBookings(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const page1 = (await t.gql(LIST, { first: 3 }, { token: c.token })).data!.myBookings;
    expect(page1.totalCount).toBe(4);
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql(LIST, { first: 3, after: page1.pageInfo.endCursor }, { token: c.token })).data!.myBookings;
    expect(page2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const pending = (await t.gql(LIST, { status: ['PENDING_PAYMENT'] }, { token: c.token })).data!.myBookings;
    expect(pending.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    expect(codes(await t.gql(LIST, { after: 'garbage' }, { token: c.token }))).toEqual(['BAD_USER_INPUT']);

    const PROVIDER_LIST = `query($from: DateTime, $to: DateTime, $status: [BookingStatus!]) {
      providerBookings(from: $from, to: $to, status: $status) { totalCount edges { node { id } } } }`;
    const window = { from: starts[1]!.toISOString(), to: starts[3]!.toISOString() };
    const mid = (await t.gql(PROVIDER_LIST, window, { token: p.account.token })).data!.providerBookings;
    expect(mid.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    const requested = (await t.gql(PROVIDER_LIST, { ...window, status: ['REQUESTED'] }, { token: p.account.token })).data!.providerBookings;
    expect(requested.totalCount).toBe(1);
    expect(codes(await t.gql(PROVIDER_LIST, {}, { token: c.token }))).toEqual(['FORBIDDEN']);

    const ADMIN_LIST = `query($p: ID, $c: ID, $status: [BookingStatus!]) { bookings(providerId: $p, customerId: $c, status: $status) { totalCount } }`;
    const admin = await anAdmin(t);
    expect((await t.gql(ADMIN_LIST, { p: p.id }, { token: admin.token })).data!.bookings.totalCount).toBe(4);
    expect((await t.gql(ADMIN_LIST, { c: c.id, status: ['PENDING_PAYMENT'] }, { token: admin.token })).data!.bookings.totalCount).toBe(1);
    expect(codes(await t.gql(ADMIN_LIST, { p: p.id }, { token: c.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(ADMIN_LIST, { p: 'x' }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets API keys read with BOOKINGS_READ and book only with BOOKINGS_WRITE', async () => {
    const CREATE_KEY = `mutation($scopes: [ApiScope!]!) { createApiKey(name: "integration", scopes: $scopes) { secret } }`;
    const reader = (await t.gql(CREATE_KEY, { scopes: ['BOOKINGS_READ'] }, { token: customer.token })).data!.createApiKey.secret;
    const writer = (await t.gql(CREATE_KEY, { scopes: ['BOOKINGS_WRITE'] }, { token: customer.token })).data!.createApiKey.secret;
    expect(codes(await t.gql(`{ myBookings { totalCount } }`, {}, { apiKey: reader }))).toEqual([]);
    const REQUEST = `mutation($i: BookingInput!) { requestBooking(input: $i) { status } }`;
    const i = { serviceId: service.id, startsAt: hourFromNow(110).toISOString() };
    expect(codes(await t.gql(REQUEST, { i }, { apiKey: reader }))).toEqual(['FORBIDDEN']);
    expect((await t.gql(REQUEST, { i }, { apiKey: writer })).data!.requestBooking.status).toBe('REQUESTED');
  });
});
