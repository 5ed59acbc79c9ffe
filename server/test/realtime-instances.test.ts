// Two app instances on one PostgreSQL database and one Redis: both serve subscribers, one
// stamps (the advisory lock), events cross instances through Redis, and when the stamping
// instance goes away the other takes over without losing an event.
import { aCustomer, type Account } from './support/accounts';
import { aFreeStart, anOpenProvider, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, subscribersOn, until, wsClient, type BookingEventData, type WsClient } from './realtime-client';

const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id } }`;

let a: TestApp;
let b: TestApp;
let third: TestApp | undefined;
const clients: WsClient[] = [];

// Another instance of `a`'s deployment: database, Redis channels and token secret shared.
function another(): Promise<TestApp> {
  const { database, redis, jwtSecret } = a.app.infra.config;
  return startTestApp({ env: { DATABASE_URL: database.url!, REDIS_PREFIX: redis.prefix, JWT_SECRET: jwtSecret } });
}

beforeAll(async () => {
  a = await startTestApp();
  b = await another();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await third?.stop();
  await b.stop();
  await a.stop(); // drops the shared database last
});

async function book(on: TestApp, provider: Bookable, customer: Account, fromHours: number): Promise<string> {
  const startsAt = await aFreeStart(on, provider.serviceId, fromHours);
  const r = await on.gql(REQUEST, { input: { serviceId: provider.serviceId, startsAt } }, { token: customer.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.requestBooking.id;
}

const leading = (t: TestApp) => t.app.services.changeFeed.stamper.leading;

describe('two instances', () => {
  it('stamp on one, serve on both, and fail over to the other without losing events', async () => {
    expect([leading(a), leading(b)]).toEqual([true, false]);
    const provider = await anOpenProvider(a);
    const customer = await aCustomer(a);

    const onA = wsClient(a, customer.token);
    const onB = wsClient(b, customer.token);
    clients.push(onA, onB);
    const subA = onA.subscribe<BookingEventData>(BOOKING_UPDATED);
    const subB = onB.subscribe<BookingEventData>(BOOKING_UPDATED);
    await subscribersOn(a, 1);
    await subscribersOn(b, 1);

    // Caused on A, stamped by A, delivered on B through Redis (and on A).
    const first = await book(a, provider, customer, 30);
    const second = await book(b, provider, customer, 60);
    expect((await subB.received(2)).map((e) => e.booking.id)).toEqual([first, second]);
    expect((await subA.received(2)).map((e) => e.booking.id)).toEqual([first, second]);
    expect(b.app.services.changeFeed.stamper.stats.stamped).toBe(0);

    // The stamper goes away (its lock session ends); changes keep coming meanwhile.
    await a.app.stop();
    const during = await book(b, provider, customer, 90);
    await until(
      () => leading(b),
      10_000,
      () => 'b never took the lead',
    );
    const r = await b.gql(CANCEL, { id: first }, { token: customer.token });
    expect(r.errors).toBeUndefined();

    const events = await subB.received(4);
    expect(events.map((e) => [e.booking.id, e.kind])).toEqual([
      [first, 'CREATED'],
      [second, 'CREATED'],
      [during, 'CREATED'],
      [first, 'UPDATED'],
    ]);
    const positions = events.map((e) => BigInt(e.eventId));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    expect(b.app.services.changeFeed.stamper.stats.stamped).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 300)); // nothing repeated by the takeover's republish
    expect(subB.events).toHaveLength(4);
  });

  it("recovers when the stamper's lease session is cut off (a crash, as PostgreSQL sees it)", async () => {
    const c = await another();
    third = c;
    const provider = await anOpenProvider(c);
    const customer = await aCustomer(c);
    const onC = wsClient(c, customer.token);
    clients.push(onC);
    const sub = onC.subscribe<BookingEventData>(BOOKING_UPDATED);
    await subscribersOn(c, 1);
    expect([leading(b), leading(c)]).toEqual([true, false]);

    const before = await book(c, provider, customer, 30);
    await sub.received(1);
    // The lease's session ends: a follower takes the lease at its next tick, without waiting for it to expire.
    const cut = await b.app.infra.prisma.$queryRawUnsafe<{ ok: boolean }[]>(
      `SELECT pg_terminate_backend(holder_pid) AS ok FROM change_feed_lease`,
    );
    expect(cut).toEqual([{ ok: true }]);
    const after = await book(c, provider, customer, 60);
    const events = await sub.received(2);
    expect(events.map((e) => e.booking.id)).toEqual([before, after]);
    await until(
      () => leading(b) !== leading(c),
      10_000,
      () => 'no single stamper',
    );
  });
});
