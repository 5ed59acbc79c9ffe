// An open subscription ends as soon as its session stops being valid: logout,
// revokeSession, revokeAllSessions, suspension, and a role change that takes access away.
// Within a second it completes with UNAUTHENTICATED (or FORBIDDEN for the role), and no
// event reaches it after the change, even with nothing else happening on the feed.
import { aCustomer, anAdmin, PASSWORD, type Account } from './support/accounts';
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, until, wsClient, type BookingEventData, type Subscriber, type WsClient } from './realtime-client';

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
const ENDS_WITHIN_MS = 1000;

/** A customer's live bookingUpdated on a held booking, proven live by the replay of its creation. */
async function aLiveSubscription(customer?: Account) {
  const held = await aHeldBooking(t, shop);
  const who = customer ?? held.customer;
  const client = wsClient(t, who.token);
  clients.push(client);
  const sub = client.subscribe<BookingEventData>(BOOKING_UPDATED, { id: held.bookingId, after: '0' });
  await sub.received(1);
  return { held, who, sub };
}

/** The stream ends with `code` within a second of `revoke`, and later changes never reach it. */
async function expectEndedBy(sub: Subscriber<BookingEventData>, code: string, revoke: () => Promise<unknown>, bookingId: string) {
  const delivered = sub.events.length;
  const started = Date.now();
  await revoke();
  await until(
    () => sub.completed || sub.errors.length > 0,
    ENDS_WITHIN_MS + 500,
    () => 'the stream to end',
  );
  const tookMs = Date.now() - started;
  expect(sub.errors.map((e) => e.extensions?.code)).toEqual([code]);
  expect(tookMs).toBeLessThan(ENDS_WITHIN_MS);
  await t.gql(CANCEL, { id: bookingId }, { token: shop.provider.token });
  await new Promise((r) => setTimeout(r, 1500));
  expect(sub.events).toHaveLength(delivered);
}

it('ends on logout', async () => {
  const { held, who, sub } = await aLiveSubscription();
  await expectEndedBy(
    sub,
    'UNAUTHENTICATED',
    () => t.gql(`mutation($r: String) { logout(refreshToken: $r) }`, { r: who.refreshToken }, { token: who.token }),
    held.bookingId,
  );
}, 30_000);

it('ends when the session is revoked from another device (revokeSession)', async () => {
  const { held, who, sub } = await aLiveSubscription();
  const other = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
    e: who.email,
    p: PASSWORD,
  });
  const otherToken = other.data!.login.accessToken as string;
  const sessions = await t.gql(`{ mySessions { id current } }`, {}, { token: otherToken });
  const first = (sessions.data!.mySessions as { id: string; current: boolean }[]).find((s) => !s.current)!;
  await expectEndedBy(
    sub,
    'UNAUTHENTICATED',
    () => t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: first.id }, { token: otherToken }),
    held.bookingId,
  );
}, 30_000);

it('ends on revokeAllSessions', async () => {
  const { held, who, sub } = await aLiveSubscription();
  await expectEndedBy(sub, 'UNAUTHENTICATED', () => t.gql(`mutation { revokeAllSessions }`, {}, { token: who.token }), held.bookingId);
}, 30_000);

it('ends when the account is suspended', async () => {
  const admin = await anAdmin(t);
  const { held, who, sub } = await aLiveSubscription();
  await expectEndedBy(
    sub,
    'UNAUTHENTICATED',
    () => t.gql(`mutation($id: ID!) { suspendUser(userId: $id, suspended: true) { id } }`, { id: who.id }, { token: admin.token }),
    held.bookingId,
  );
}, 30_000);

it('ends with FORBIDDEN when an admin watching every booking loses the role', async () => {
  const boss = await anAdmin(t);
  const watcher = await anAdmin(t);
  const { held, sub } = await aLiveSubscription(watcher);
  await expectEndedBy(
    sub,
    'FORBIDDEN',
    () => t.gql(`mutation($id: ID!) { setUserRole(userId: $id, role: CUSTOMER) { id } }`, { id: watcher.id }, { token: boss.token }),
    held.bookingId,
  );
}, 30_000);

it('keeps a customer’s stream open when nothing about them changed', async () => {
  const bystander = await aCustomer(t);
  const { held, sub } = await aLiveSubscription();
  await t.gql(`mutation { revokeAllSessions }`, {}, { token: bystander.token });
  await t.gql(CANCEL, { id: held.bookingId }, { token: shop.provider.token });
  await sub.received(2);
  expect(sub.errors).toEqual([]);
  expect(sub.completed).toBe(false);
}, 30_000);
