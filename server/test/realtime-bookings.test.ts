// bookingUpdated over WebSocket on PostgreSQL + Redis: who sees which booking's changes,
// in commit order, and resuming with afterEventId without gaps or repeats.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aFreeStart, anOpenProvider, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, lastEventId, subscribersOn, wsClient, type BookingEventData, type WsClient } from './realtime-client';

const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptBooking(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id status } }`;
const RESCHEDULE = `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { id status } }`;

let t: TestApp;
let b: Bookable;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
  b = await anOpenProvider(t, { instantBooking: false });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => t.stop());

function connect(account?: Account): WsClient {
  const c = wsClient(t, account?.token);
  clients.push(c);
  return c;
}

async function request(customer: Account, fromHours: number): Promise<string> {
  const startsAt = await aFreeStart(t, b.serviceId, fromHours);
  const r = await t.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt } }, { token: customer.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.requestBooking.id;
}

async function mutate(query: string, variables: Record<string, unknown>, who: Account): Promise<void> {
  const r = await t.gql(query, variables, { token: who.token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}

// `booking` is the row as it is when the event is delivered, so only kind and previousStatus
// say what each change was.
const summary = (events: BookingEventData[]) => events.map((e) => [e.kind, e.previousStatus]);
const ids = (events: BookingEventData[]) => events.map((e) => BigInt(e.eventId));

describe('bookingUpdated', () => {
  it("shows a booking's changes in order to its customer, its provider and admins, and nothing to a stranger", async () => {
    const [customer, stranger, admin] = [await aCustomer(t), await aCustomer(t), await anAdmin(t)];
    const before = t.app.services.changeFeed.feed.subscribers();
    const mine = connect(customer).subscribe<BookingEventData>(BOOKING_UPDATED);
    const theirs = connect(stranger).subscribe<BookingEventData>(BOOKING_UPDATED);
    const provider = connect(b.provider).subscribe<BookingEventData>(BOOKING_UPDATED);
    const everyone = connect(admin).subscribe<BookingEventData>(BOOKING_UPDATED);
    await subscribersOn(t, before + 4);

    const id = await request(customer, 30);
    await mutate(ACCEPT, { id }, b.provider);
    await mutate(CANCEL, { id }, customer);

    const expected = [
      ['CREATED', null],
      ['UPDATED', 'REQUESTED'],
      ['UPDATED', 'PENDING_PAYMENT'],
    ];
    for (const sub of [mine, provider]) {
      const events = await sub.received(3);
      expect(summary(events)).toEqual(expected);
      expect(
        events.every((e) => e.booking.id === id && e.booking.service.id === b.serviceId && e.booking.customer.id === customer.id),
      ).toBe(true);
      expect(ids(events)).toEqual([...ids(events)].sort((x, y) => (x < y ? -1 : 1)));
      expect(events[2]!.booking.status).toBe('CANCELLED');
    }
    expect((await everyone.received(3)).filter((e) => e.booking.id === id).map((e) => e.kind)).toEqual(['CREATED', 'UPDATED', 'UPDATED']);

    // The stranger's stream is live: their own booking arrives, the other never did.
    const own = await request(stranger, 60);
    const theirEvents = await theirs.received(1);
    expect(theirEvents.map((e) => e.booking.id)).toEqual([own]);
    expect(theirs.events).toHaveLength(1);
    expect(mine.events).toHaveLength(3);
  });

  it('follows one booking when id is given, and answers NOT_FOUND for a booking that is not yours', async () => {
    const [customer, stranger] = [await aCustomer(t), await aCustomer(t)];
    const other = await request(customer, 90);
    const id = await request(customer, 120);
    const after = await lastEventId(t);
    const before = t.app.services.changeFeed.feed.subscribers();
    const one = connect(customer).subscribe<BookingEventData>(BOOKING_UPDATED, { id, after });
    await subscribersOn(t, before + 1);
    await mutate(CANCEL, { id: other }, customer);
    await mutate(ACCEPT, { id }, b.provider);
    expect(summary(await one.received(1))).toEqual([['UPDATED', 'REQUESTED']]);

    const refused = connect(stranger).subscribe(BOOKING_UPDATED, { id });
    expect((await refused.failed()).extensions?.code).toBe('NOT_FOUND');
    const unknown = connect(customer).subscribe(BOOKING_UPDATED, { id: '00000000-0000-4000-8000-000000000000' });
    expect((await unknown.failed()).extensions?.code).toBe('NOT_FOUND');
    expect(one.events).toHaveLength(1);
  });

  it('resumes after afterEventId with exactly the missed events, then live ones, without repeats', async () => {
    const customer = await aCustomer(t);
    const first = connect(customer).subscribe<BookingEventData>(BOOKING_UPDATED, { after: await lastEventId(t) });
    const id = await request(customer, 150);
    const [created] = await first.received(1);
    await clients.pop()!.close();

    // Three changes while disconnected.
    await mutate(ACCEPT, { id }, b.provider);
    await mutate(RESCHEDULE, { id, at: await aFreeStart(t, b.serviceId, 200) }, customer);
    await mutate(CANCEL, { id }, customer);

    const before = t.app.services.changeFeed.feed.subscribers();
    const resumed = connect(customer).subscribe<BookingEventData>(BOOKING_UPDATED, { after: created!.eventId });
    const missed = await resumed.received(3);
    expect(summary(missed)).toEqual([
      ['UPDATED', 'REQUESTED'], // accepted
      ['UPDATED', 'PENDING_PAYMENT'], // rescheduled, still PENDING_PAYMENT
      ['UPDATED', 'PENDING_PAYMENT'], // cancelled
    ]);
    // Replayed events carry the booking as it is now.
    expect(missed.map((e) => e.booking.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    await subscribersOn(t, before + 1);
    const next = await request(customer, 250);
    const all = await resumed.received(4);
    expect(all[3]!.booking.id).toBe(next);
    expect(all[3]!.kind).toBe('CREATED');
    expect(new Set(all.map((e) => e.eventId)).size).toBe(4);
    expect(ids(all).every((p, i, a) => i === 0 || p > a[i - 1]!)).toBe(true);
    expect(BigInt(all[0]!.eventId)).toBeGreaterThan(BigInt(created!.eventId));
  });

  it('refuses anonymous viewers and malformed or future afterEventIds with contract codes', async () => {
    const customer = await aCustomer(t);
    expect((await connect().subscribe(BOOKING_UPDATED).failed()).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await connect(customer).subscribe(BOOKING_UPDATED, { after: 'abc' }).failed()).extensions?.code).toBe('BAD_USER_INPUT');
    const ahead = String(BigInt(await lastEventId(t)) + 1000n);
    expect((await connect(customer).subscribe(BOOKING_UPDATED, { after: ahead }).failed()).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets API keys subscribe only with the scope the field names', async () => {
    const customer = await aCustomer(t);
    const CREATE_KEY = `mutation($scopes: [ApiScope!]!) { createApiKey(name: "integration", scopes: $scopes) { secret } }`;
    const keyFor = async (scopes: string[]) =>
      (await t.gql(CREATE_KEY, { scopes }, { token: customer.token })).data!.createApiKey.secret as string;
    const reader = wsClient(t, undefined, `ApiKey ${await keyFor(['BOOKINGS_READ'])}`);
    const browser = wsClient(t, undefined, `ApiKey ${await keyFor(['CATALOG_READ'])}`);
    clients.push(reader, browser);

    const refused = browser.subscribe(BOOKING_UPDATED);
    expect((await refused.failed()).extensions?.code).toBe('FORBIDDEN');
    const noScope = reader.subscribe(`subscription { notificationAdded { id } }`);
    expect((await noScope.failed()).extensions?.code).toBe('FORBIDDEN');

    const sub = reader.subscribe<BookingEventData>(BOOKING_UPDATED, { after: await lastEventId(t) });
    const id = await request(customer, 300);
    expect((await sub.received(1)).map((e) => e.booking.id)).toEqual([id]);
  });
});
