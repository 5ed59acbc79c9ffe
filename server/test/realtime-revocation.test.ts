// Suspension and revoked sessions reach live subscriptions too: the stream ends with
// UNAUTHENTICATED instead of delivering to someone who may no longer see it.
import { anAdmin } from './support/accounts';
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, wsClient, type BookingEventData, type WsClient } from './realtime-client';

let t: TestApp;
let shop: Bookable;
const clients: WsClient[] = [];
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => t.stop());

const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id } }`;
const RECHECK_WAIT_MS = 5500; // the stream re-checks its subscriber at most every 5 s

it('ends a suspended customer’s subscription with UNAUTHENTICATED', async () => {
  const admin = await anAdmin(t);
  const held = await aHeldBooking(t, shop);
  const client = wsClient(t, held.customer.token);
  clients.push(client);
  // Replaying the booking's creation proves the stream is live before the suspension.
  const sub = client.subscribe<BookingEventData>(BOOKING_UPDATED, { id: held.bookingId, after: '0' });
  await sub.received(1);
  await t.gql(`mutation($id: ID!) { suspendUser(userId: $id, suspended: true) { id } }`, { id: held.customer.id }, { token: admin.token });
  await new Promise((r) => setTimeout(r, RECHECK_WAIT_MS));
  await t.gql(CANCEL, { id: held.bookingId }, { token: shop.provider.token });
  const error = await sub.failed();
  expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  expect(sub.events).toHaveLength(1);
}, 30_000);

it('ends the subscription of a session that was revoked', async () => {
  const held = await aHeldBooking(t, shop);
  const client = wsClient(t, held.customer.token);
  clients.push(client);
  const sub = client.subscribe<BookingEventData>(BOOKING_UPDATED, { after: '0' });
  await sub.received(1);
  await t.gql(`mutation { revokeAllSessions }`, {}, { token: held.customer.token });
  await new Promise((r) => setTimeout(r, RECHECK_WAIT_MS));
  await t.gql(CANCEL, { id: held.bookingId }, { token: shop.provider.token });
  const error = await sub.failed();
  expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  expect(sub.events).toHaveLength(1);
}, 30_000);
