// Fan-out in one pass per event: what a write costs the database does not grow with the
// number of subscribers who receive it. The rows an event shows are read once for all of
// them, and each subscriber's right to it is decided in memory (its standing is re-checked
// before each delivery from a copy that a change announcement drops; revocation tests:
// realtime-revocation.test.ts).
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aFreeStart, anOpenProvider, type Bookable } from './support/bookable';
import { fewestStatements } from './support/statements';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, subscribersOn, until, wsClient, type BookingEventData, type Subscriber, type WsClient } from './realtime-client';

let t: TestApp;
let shop: Bookable;
const clients: WsClient[] = [];
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t);
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await t.stop();
});

const CREATE_KEY = `mutation { createApiKey(name: "dashboard", scopes: [BOOKINGS_READ]) { secret } }`;
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;
const AVAILABILITY = `subscription($s: ID!) { availabilityChanged(serviceId: $s) { eventId from to } }`;

/** An admin's dashboard watching every booking through an API key of its own. */
async function aDashboard(): Promise<Subscriber<BookingEventData>> {
  const admin = await anAdmin(t);
  const secret = (await t.gql(CREATE_KEY, {}, { token: admin.token })).data!.createApiKey.secret as string;
  const client = wsClient(t, undefined, `ApiKey ${secret}`);
  clients.push(client);
  return client.subscribe<BookingEventData>(BOOKING_UPDATED, {});
}

/** Statements of a booking by `customer` until every subscriber has it (the fewest of three). */
async function aBookingSeenBy(customer: Account, fromHours: number, subscribers: Subscriber<{ eventId: string }>[]) {
  const starts = [await aFreeStart(t, shop.serviceId, fromHours), await aFreeStart(t, shop.serviceId, fromHours + 3)];
  starts.push(await aFreeStart(t, shop.serviceId, fromHours + 6));
  return fewestStatements(t, async () => {
    const before = subscribers.map((s) => s.events.length);
    const r = await t.gql(REQUEST, { input: { serviceId: shop.serviceId, startsAt: starts.shift() } }, { token: customer.token });
    if (!r.data) throw new Error(`requestBooking failed: ${JSON.stringify(r.errors)}`);
    await until(
      () => subscribers.every((s, i) => s.events.length > before[i]!),
      10_000,
      () => 'every subscriber to receive the booking',
    );
  });
}

it('costs the same statements per write for one subscriber and for many, API-key dashboards included', async () => {
  const customer = await aCustomer(t);
  const first = await aDashboard();
  await subscribersOn(t, 1);
  const alone = await aBookingSeenBy(customer, 30, [first]);

  const many: Subscriber<{ eventId: string }>[] = [first];
  for (let i = 0; i < 8; i++) many.push(await aDashboard());
  for (let i = 0; i < 8; i++) {
    const client = wsClient(t);
    clients.push(client);
    many.push(client.subscribe(AVAILABILITY, { s: shop.serviceId }));
  }
  await subscribersOn(t, many.length);
  const together = await aBookingSeenBy(customer, 60, many);

  // Issue 15: one booking with 1,000 subscribers once ran 997 transactions (a read per subscriber).
  expect(together).toBeLessThanOrEqual(alone);
}, 120_000);
