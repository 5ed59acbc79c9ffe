// The embedded default (PGlite, in-process pub/sub): the same subscriptions with nothing
// installed — PGlite's LISTEN rings the stamper, which always leads there.
import { aCustomer } from './support/accounts';
import { aFreeStart, anOpenProvider } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { BOOKING_UPDATED, subscribersOn, wsClient, type BookingEventData, type WsClient } from './realtime-client';

const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id } }`;

let t: TestApp;
const clients: WsClient[] = [];

beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t.stop();
});

describe('realtime on the embedded default', () => {
  it('delivers bookingUpdated and notificationAdded', async () => {
    expect(t.app.infra.database.kind).toBe('pglite');
    expect(t.app.services.changeFeed.stamper.leading).toBe(true);
    const b = await anOpenProvider(t);
    const customer = await aCustomer(t);
    const client = wsClient(t, customer.token);
    clients.push(client);
    const bookings = client.subscribe<BookingEventData>(BOOKING_UPDATED);
    const notes = client.subscribe<{ title: string }>(`subscription { notificationAdded { title } }`);
    await subscribersOn(t, 2);

    const startsAt = await aFreeStart(t, b.serviceId, 30);
    const id = (await t.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt } }, { token: customer.token })).data!.requestBooking.id;
    await t.gql(CANCEL, { id }, { token: customer.token });
    await t.app.services.notifications.notify({ userId: customer.id, type: 'BOOKING_CANCELLED', title: 'Cancelled', body: 'As you asked' });

    expect((await bookings.received(2)).map((e) => [e.booking.id, e.kind, e.previousStatus])).toEqual([
      [id, 'CREATED', null],
      [id, 'UPDATED', 'PENDING_PAYMENT'],
    ]);
    expect((await notes.received(1)).map((n) => n.title)).toEqual(['Cancelled']);
  });
});
