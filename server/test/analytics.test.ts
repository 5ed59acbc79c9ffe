// Analytics over seeded bookings, payments and refunds: counts by status, revenue net of
// refunds, refunds, a daily series by local date (Asia/Dhaka is UTC+6, so its days
// differ from UTC's), top providers, new accounts; a provider sees only their business;
// customers are refused; bad zones and over-long windows are BAD_USER_INPUT.
// On PostgreSQL and on the embedded PGlite: the SQL uses AT TIME ZONE on both.
import { aCustomer, anAccountWithRole, anAdmin, type Account } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aBooking, aBusiness, aUser } from './analytics-builders';

const ANALYTICS = `query($from: DateTime!, $to: DateTime!, $timeZone: String) {
  analytics(from: $from, to: $to, timeZone: $timeZone) {
    bookingsByStatus { status count }
    revenue { amount currency }
    refunded { amount currency }
    daily { date bookings revenue { amount } }
    topProviders { provider { id businessName } bookings revenue { amount } }
    newCustomers newProviders
  }
}`;
const NO_ZONE = `query($from: DateTime!, $to: DateTime!) { analytics(from: $from, to: $to) { daily { date } } }`;

// Dhaka's 2030-03-01 00:00 to 2030-03-04 00:00 (three local days; four UTC dates).
const WINDOW = { from: '2030-02-28T18:00:00Z', to: '2030-03-03T18:00:00Z' };
const bdt = (amount: number) => ({ amount, currency: 'BDT' });
const statuses = (counts: Record<string, number>) =>
  ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'EXPIRED'].map((status) => ({
    status,
    count: counts[status] ?? 0,
  }));

describe.each([
  ['PostgreSQL', false],
  ['PGlite', true],
])('analytics on %s', (_name, embedded) => {
  let t: TestApp;
  let admin: Account;
  let owner: Account;
  let p1: { providerId: string; serviceId: string };
  let p2: { providerId: string; serviceId: string };

  async function analytics(who: Account, variables: Record<string, unknown>) {
    const r = await t.gql(ANALYTICS, variables, { token: who.token });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.analytics;
  }

  beforeAll(async () => {
    t = await startTestApp({ embedded });
    admin = await anAdmin(t);
    owner = await anAccountWithRole(t, 'PROVIDER');
    p1 = await aBusiness(t, owner.id, 'Sparkle Cleaners');
    p2 = await aBusiness(t, await aUser(t, 'PROVIDER', '2030-03-02T05:00:00Z'), 'Dhaka Deep Clean');
    const c1 = await aUser(t, 'CUSTOMER', '2030-03-01T03:00:00Z');
    const c2 = await aUser(t, 'CUSTOMER', '2030-03-02T03:00:00Z');
    const c3 = await aUser(t, 'CUSTOMER', '2030-02-28T10:00:00Z'); // before the window
    // P1: Dhaka 03-01 01:00 (UTC still 02-28), paid at Dhaka 03-01 02:00.
    await aBooking(t, {
      business: p1,
      customerId: c1,
      status: 'CONFIRMED',
      startsAt: '2030-02-28T19:00:00Z',
      createdAt: '2030-02-20T00:00:00Z',
      payment: { amount: 150_000, status: 'PAID', paidAt: '2030-02-28T20:00:00Z' },
    });
    await aBooking(t, {
      business: p1,
      customerId: c2,
      status: 'COMPLETED',
      startsAt: '2030-03-02T10:00:00Z',
      createdAt: '2030-03-02T01:00:00Z',
      payment: { amount: 100_000, status: 'PARTIALLY_REFUNDED', paidAt: '2030-03-02T10:00:00Z', refunded: 40_000 },
      refunds: [{ amount: 40_000, status: 'REFUNDED', createdAt: '2030-03-02T12:00:00Z' }],
    });
    // Dhaka 03-03 23:30: the last local day; its payment failed.
    await aBooking(t, {
      business: p1,
      customerId: c3,
      status: 'REQUESTED',
      startsAt: '2030-03-03T17:30:00Z',
      createdAt: '2030-03-03T01:00:00Z',
      payment: { amount: 150_000, status: 'FAILED', paidAt: null },
    });
    // After the window: its payment and refund do not count.
    await aBooking(t, {
      business: p1,
      customerId: c1,
      status: 'CONFIRMED',
      startsAt: '2030-03-03T18:30:00Z',
      createdAt: '2030-03-03T02:00:00Z',
      payment: { amount: 70_000, status: 'PARTIALLY_REFUNDED', paidAt: '2030-03-03T18:30:00Z', refunded: 20_000 },
      refunds: [{ amount: 20_000, status: 'REFUNDED', createdAt: '2030-03-03T19:00:00Z' }],
    });
    // P2: a refund still pending changes nothing yet; a fully refunded payment nets zero.
    await aBooking(t, {
      business: p2,
      customerId: c1,
      status: 'CONFIRMED',
      startsAt: '2030-03-01T05:00:00Z',
      createdAt: '2030-02-25T00:00:00Z',
      payment: { amount: 300_000, status: 'REFUND_PENDING', paidAt: '2030-03-01T05:00:00Z' },
      refunds: [{ amount: 10_000, status: 'PENDING', createdAt: '2030-03-01T06:00:00Z' }],
    });
    await aBooking(t, {
      business: p2,
      customerId: c2,
      status: 'CANCELLED',
      startsAt: '2030-03-01T08:00:00Z',
      createdAt: '2030-02-26T00:00:00Z',
      payment: { amount: 50_000, status: 'REFUNDED', paidAt: '2030-03-01T07:00:00Z', refunded: 50_000 },
      refunds: [{ amount: 50_000, status: 'REFUNDED', createdAt: '2030-03-01T09:00:00Z' }],
    });
    await aBooking(t, {
      business: p2,
      customerId: c3,
      status: 'EXPIRED',
      startsAt: '2030-02-28T17:00:00Z',
      createdAt: '2030-02-27T00:00:00Z',
    });
  });
  afterAll(() => t.stop());

  it('gives admins the platform: counts, revenue net of refunds, refunds, Dhaka days, top providers, new accounts', async () => {
    const a = await analytics(admin, { ...WINDOW, timeZone: 'Asia/Dhaka' });
    expect(a.bookingsByStatus).toEqual(statuses({ REQUESTED: 1, CONFIRMED: 2, COMPLETED: 1, CANCELLED: 1 }));
    expect(a.revenue).toEqual(bdt(150_000 + 60_000 + 300_000 + 0));
    expect(a.refunded).toEqual(bdt(40_000 + 50_000));
    expect(a.daily).toEqual([
      { date: '2030-03-01', bookings: 3, revenue: { amount: 450_000 } },
      { date: '2030-03-02', bookings: 1, revenue: { amount: 60_000 } },
      { date: '2030-03-03', bookings: 1, revenue: { amount: 0 } },
    ]);
    expect(a.topProviders).toEqual([
      { provider: { id: p2.providerId, businessName: 'Dhaka Deep Clean' }, bookings: 2, revenue: { amount: 300_000 } },
      { provider: { id: p1.providerId, businessName: 'Sparkle Cleaners' }, bookings: 3, revenue: { amount: 210_000 } },
    ]);
    expect({ newCustomers: a.newCustomers, newProviders: a.newProviders }).toEqual({ newCustomers: 2, newProviders: 1 });
  });

  it('counts the same window by UTC dates when asked for UTC, and by Dhaka dates by default', async () => {
    const utc = await analytics(admin, { ...WINDOW, timeZone: 'UTC' });
    expect(utc.daily).toEqual([
      { date: '2030-02-28', bookings: 1, revenue: { amount: 150_000 } },
      { date: '2030-03-01', bookings: 2, revenue: { amount: 300_000 } },
      { date: '2030-03-02', bookings: 1, revenue: { amount: 60_000 } },
      { date: '2030-03-03', bookings: 1, revenue: { amount: 0 } },
    ]);
    const byDefault = await t.gql(NO_ZONE, WINDOW, { token: admin.token });
    expect(byDefault.data?.analytics.daily.map((d: { date: string }) => d.date)).toEqual(['2030-03-01', '2030-03-02', '2030-03-03']);
  });

  it('lists every day of the window, with zeros where nothing happened', async () => {
    // A week from Dhaka's 02-25: the expired booking (Dhaka 02-28 23:00) now falls inside.
    const week = await analytics(admin, { from: '2030-02-24T18:00:00Z', to: '2030-03-03T18:00:00Z', timeZone: 'Asia/Dhaka' });
    expect(week.daily.map((d: { date: string; bookings: number }) => [d.date, d.bookings])).toEqual([
      ['2030-02-25', 0],
      ['2030-02-26', 0],
      ['2030-02-27', 0],
      ['2030-02-28', 1],
      ['2030-03-01', 3],
      ['2030-03-02', 1],
      ['2030-03-03', 1],
    ]);
  });

  it('shows a provider only their own business', async () => {
    const mine = await analytics(owner, { ...WINDOW, timeZone: 'Asia/Dhaka' });
    expect(mine.bookingsByStatus).toEqual(statuses({ REQUESTED: 1, CONFIRMED: 1, COMPLETED: 1 }));
    expect(mine.revenue).toEqual(bdt(210_000));
    expect(mine.refunded).toEqual(bdt(40_000));
    expect(mine.daily.map((d: { bookings: number; revenue: { amount: number } }) => [d.bookings, d.revenue.amount])).toEqual([
      [1, 150_000],
      [1, 60_000],
      [1, 0],
    ]);
    expect(mine.topProviders).toEqual([
      { provider: { id: p1.providerId, businessName: 'Sparkle Cleaners' }, bookings: 3, revenue: { amount: 210_000 } },
    ]);
    // c2 and c3 first booked with P1 in the window; c1 had booked before it.
    expect({ newCustomers: mine.newCustomers, newProviders: mine.newProviders }).toEqual({ newCustomers: 2, newProviders: 0 });

    const quiet = await analytics(owner, { from: '2031-01-01T00:00:00Z', to: '2031-01-02T00:00:00Z', timeZone: 'UTC' });
    expect(quiet.topProviders).toEqual([
      { provider: { id: p1.providerId, businessName: 'Sparkle Cleaners' }, bookings: 0, revenue: { amount: 0 } },
    ]);
  });

  it('ranks at most five providers, by revenue', async () => {
    const customer = await aUser(t, 'CUSTOMER', '2033-01-01T00:00:00Z');
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    for (const [i, name] of names.entries()) {
      const business = await aBusiness(t, await aUser(t, 'PROVIDER', '2033-01-01T00:00:00Z'), name);
      await aBooking(t, {
        business,
        customerId: customer,
        status: 'COMPLETED',
        startsAt: '2033-06-01T10:00:00Z',
        createdAt: '2033-05-01T00:00:00Z',
        payment: { amount: (i + 1) * 10_000, status: 'PAID', paidAt: '2033-05-01T00:00:00Z' },
      });
    }
    const ranked = await analytics(admin, { from: '2033-01-01T00:00:00Z', to: '2033-12-31T00:00:00Z' });
    expect(
      ranked.topProviders.map((s: { provider: { businessName: string }; revenue: { amount: number } }) => [
        s.provider.businessName,
        s.revenue.amount,
      ]),
    ).toEqual([
      ['Six', 60_000],
      ['Five', 50_000],
      ['Four', 40_000],
      ['Three', 30_000],
      ['Two', 20_000],
    ]);
    expect({ newCustomers: ranked.newCustomers, newProviders: ranked.newProviders }).toEqual({ newCustomers: 1, newProviders: 6 });
  });

  it('refuses customers, providers without a business and strangers', async () => {
    const casey = await aCustomer(t);
    const noBusiness = await anAccountWithRole(t, 'PROVIDER');
    expect(codes(await t.gql(ANALYTICS, WINDOW, { token: casey.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(ANALYTICS, WINDOW, { token: noBusiness.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(ANALYTICS, WINDOW))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an unknown time zone, a window over 366 days and one that ends before it starts', async () => {
    const ask = (variables: Record<string, unknown>) => t.gql(ANALYTICS, variables, { token: admin.token });
    const bad = await ask({ ...WINDOW, timeZone: 'Mars/Olympus_Mons' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.field).toBe('timeZone');
    expect(codes(await ask({ from: '2030-01-01T00:00:00Z', to: '2031-01-03T00:00:00Z' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await ask({ from: WINDOW.to, to: WINDOW.from }))).toEqual(['BAD_USER_INPUT']);
    const leapYear = await ask({ from: '2032-01-01T00:00:00Z', to: '2033-01-01T00:00:00Z', timeZone: 'UTC' });
    expect(leapYear.data?.analytics.daily).toHaveLength(366);
  });
});
