// Anonymous free-slot reads answered by the edge response cache: a repeat is a replay, and a
// booking (on this instance or another) or a change of hours shows on the next read.
import { aCustomer } from './support/accounts';
import { anOpenProvider, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';

const SLOTS = `query Slots($id: ID!, $from: DateTime!, $to: DateTime!) {
  availableSlots(serviceId: $id, from: $from, to: $to) { startsAt seatsLeft } }`;
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;
const BLOCK = `mutation($input: AvailabilityExceptionInput!) { addAvailabilityException(input: $input) { id } }`;

/** Another instance of `a`'s deployment: database, Redis and token secret shared. */
function secondInstance(a: TestApp): Promise<TestApp> {
  const { database, redis, jwtSecret } = a.app.infra.config;
  return startTestApp({ env: { DATABASE_URL: database.url!, REDIS_PREFIX: redis.prefix, JWT_SECRET: jwtSecret } });
}

describe('free slots through the edge cache', () => {
  let t: TestApp;
  let b: Bookable;
  let window: { id: string; from: string; to: string };
  beforeAll(async () => {
    t = await startTestApp();
    b = await anOpenProvider(t);
    const from = new Date(Date.now() + 48 * 3_600_000);
    window = { id: b.serviceId, from: from.toISOString(), to: new Date(from.getTime() + 6 * 3_600_000).toISOString() };
  });
  afterAll(() => t.stop());

  const read = async (app: TestApp = t, token?: string) => {
    const r = await app.gql(SLOTS, window, { token });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return { cache: r.headers.get('x-cache'), starts: r.data.availableSlots.map((s: { startsAt: string }) => s.startsAt) as string[] };
  };
  /** The next read, executed (not replayed); then reads until the answer is kept again. */
  const readAgain = async (app: TestApp = t) => {
    const first = await read(app);
    expect(first.cache).not.toBe('HIT');
    for (let i = 0; i < 20 && (await read(app)).cache !== 'HIT'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await read(app)).cache).toBe('HIT');
    return first.starts;
  };

  it('replays a repeated anonymous read, and never a signed-in one', async () => {
    const first = await read();
    const again = await read();
    expect(again).toEqual({ cache: 'HIT', starts: first.starts });
    const customer = await aCustomer(t);
    expect((await read(t, customer.token)).cache).toBeNull();
  });

  it("replays the calendar's read (slots with the service's seats) until the provider changes its scheduling", async () => {
    const CALENDAR = `query Calendar($id: ID!, $from: DateTime!, $to: DateTime!) {
      availableSlots(serviceId: $id, from: $from, to: $to) { startsAt seatsLeft } serviceScheduling(serviceId: $id) { capacity } }`;
    const calendar = () => t.gql(CALENDAR, window);
    await calendar();
    expect((await calendar()).headers.get('x-cache')).toBe('HIT');
    const SET = `mutation($id: ID!, $input: ServiceSchedulingInput!) { setServiceScheduling(serviceId: $id, input: $input) { capacity } }`;
    const r = await t.gql(SET, { id: b.serviceId, input: { capacity: 4 } }, { token: b.provider.token });
    expect(r.errors).toBeUndefined();
    const after = await calendar();
    expect(after.headers.get('x-cache')).not.toBe('HIT');
    expect(after.data!.serviceScheduling.capacity).toBe(4);
    expect(after.data!.availableSlots[0].seatsLeft).toBe(4);
    await t.gql(SET, { id: b.serviceId, input: { capacity: 1 } }, { token: b.provider.token });
  });

  it('tells browsers and proxies not to keep any answer, replayed or executed', async () => {
    const customer = await aCustomer(t);
    for (const token of [undefined, undefined, customer.token]) {
      const r = await t.gql(SLOTS, window, { token });
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('drops a slot someone has just booked from the next read', async () => {
    const before = await read();
    const taken = before.starts[0]!;
    const customer = await aCustomer(t);
    const r = await t.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt: taken } }, { token: customer.token });
    expect(r.errors).toBeUndefined();
    const after = await readAgain();
    expect(after).not.toContain(taken);
    expect(after.length).toBeLessThan(before.starts.length);
  });

  it("shows a provider's blocked hours on the next read", async () => {
    const before = await read();
    const blocked = before.starts.at(-1)!;
    const dhaka = new Date(new Date(blocked).getTime() + 6 * 3_600_000); // the provider's wall clock (UTC+6)
    const startMinute = dhaka.getUTCHours() * 60 + dhaka.getUTCMinutes();
    const input = { kind: 'BLOCKED', date: dhaka.toISOString().slice(0, 10), startMinute, endMinute: Math.min(startMinute + 60, 1440) };
    const r = await t.gql(BLOCK, { input }, { token: b.provider.token });
    expect(r.errors).toBeUndefined();
    expect(await readAgain()).not.toContain(blocked);
  });

  it('drops a booking made on another instance as soon as its change reaches this one, before any subscriber here is told', async () => {
    const other = await secondInstance(t);
    try {
      const taken = (await read()).starts[0]!;
      expect((await read()).cache).toBe('HIT');
      const feed = t.app.services.changeFeed.feed;
      const head = feed.head();
      // The moment a client subscribed here would get availabilityChanged and refetch:
      const arrived = new Promise<boolean>((resolve) => {
        const stop = feed.attach((change) => {
          if (change.tableName !== 'booking' || BigInt(change.position) <= head) return;
          stop();
          resolve(true);
        });
        setTimeout(() => resolve(false), 10_000);
      });
      const customer = await aCustomer(other);
      const r = await other.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt: taken } }, { token: customer.token });
      expect(r.errors).toBeUndefined();
      expect(await arrived).toBe(true);
      const refetched = await read();
      expect(refetched.cache).not.toBe('HIT');
      expect(refetched.starts).not.toContain(taken);
    } finally {
      await other.stop();
    }
  });

  it('shows a booking made on another instance within about a second', async () => {
    const other = await secondInstance(t);
    try {
      const taken = (await read()).starts[0]!;
      const customer = await aCustomer(other);
      const r = await other.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt: taken } }, { token: customer.token });
      expect(r.errors).toBeUndefined();
      const deadline = Date.now() + 5_000;
      let starts = (await read()).starts;
      while (starts.includes(taken) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        starts = (await read()).starts;
      }
      expect(starts).not.toContain(taken);
    } finally {
      await other.stop();
    }
  });
});
