// availabilityChanged: public, per service; fires for any booking change of the service's
// provider that frees or takes time, and once per setAvailability, with the window to refetch.
import { aCustomer } from './support/accounts';
import { aFreeStart, anOpenProvider, type Bookable } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';
import { lastEventId, subscribersOn, wsClient, type WsClient } from './realtime-client';

const AVAILABILITY_CHANGED = `subscription($serviceId: ID!, $after: String) {
  availabilityChanged(serviceId: $serviceId, afterEventId: $after) { eventId serviceId providerId from to occurredAt }
}`;
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id startsAt endsAt } }`;
const ACCEPT = `mutation($id: ID!) { acceptBooking(id: $id) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id } }`;
const SET_AVAILABILITY = `mutation($input: AvailabilitySettingsInput!) { setAvailability(input: $input) { maxAdvanceDays } }`;

interface AvailabilityEventData {
  eventId: string;
  serviceId: string;
  providerId: string;
  from: string;
  to: string;
}

let t: TestApp;
let b: Bookable;
let otherServiceId: string;
const clients: WsClient[] = [];
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  b = await anOpenProvider(t);
  // A second service of the same provider, 30 minutes plus a 15-minute buffer, answered by hand.
  const first = await t.app.infra.prisma.service.findUniqueOrThrow({ where: { id: b.serviceId } });
  const other = await t.app.infra.prisma.service.create({
    data: {
      providerId: b.providerId,
      categoryId: first.categoryId,
      title: 'Shower fix',
      description: 'Quick',
      priceAmount: 90_000,
      durationMinutes: 30,
      bufferMinutes: 15,
      instantBooking: false,
    },
  });
  otherServiceId = other.id;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => t.stop());

function watch(serviceId: string, after?: string) {
  const client = wsClient(t); // anonymous: the subscription is public
  clients.push(client);
  return client.subscribe<AvailabilityEventData>(AVAILABILITY_CHANGED, { serviceId, after });
}

async function call(query: string, variables: Record<string, unknown>, token: string) {
  const r = await t.gql(query, variables, { token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

describe('availabilityChanged', () => {
  it('fires when another service of the provider is booked or freed, with the window that changed, and not when the hold stays', async () => {
    const customer = await aCustomer(t);
    const sub = watch(b.serviceId, await lastEventId(t));
    const startsAt = await aFreeStart(t, otherServiceId, 40);
    const booked = (await call(REQUEST, { input: { serviceId: otherServiceId, startsAt } }, customer.token)).requestBooking;
    await call(ACCEPT, { id: booked.id }, b.provider.token); // REQUESTED → PENDING_PAYMENT: still held, no event
    await call(CANCEL, { id: booked.id }, customer.token);

    const [taken, freed] = await sub.received(2);
    const start = Date.parse(booked.startsAt);
    // The watched service holds 60 minutes, so its slots starting up to an hour before the
    // booking overlap it; the booking blocks 30 minutes plus its 15-minute buffer.
    const window = { from: new Date(start - HOUR).toISOString(), to: new Date(start + 45 * 60_000).toISOString() };
    for (const e of [taken!, freed!]) {
      expect(e).toMatchObject({ serviceId: b.serviceId, providerId: b.providerId, ...window });
    }
    expect(BigInt(freed!.eventId) - BigInt(taken!.eventId)).toBeGreaterThan(1n); // the accept's event was passed over
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events).toHaveLength(2);
  });

  it('fires once for setAvailability, however many rules it rewrites, over the whole bookable horizon', async () => {
    const customer = await aCustomer(t);
    const sub = watch(otherServiceId);
    await subscribersOn(t, 1);
    const rules = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [
      { weekday, startMinute: 0, endMinute: 12 * 60 },
      { weekday, startMinute: 13 * 60, endMinute: 24 * 60 },
    ]);
    const before = Date.now();
    await call(SET_AVAILABILITY, { input: { rules } }, b.provider.token);
    // A later change marks the end: exactly one availability event came before it.
    const startsAt = await aFreeStart(t, b.serviceId, 72);
    await call(REQUEST, { input: { serviceId: b.serviceId, startsAt } }, customer.token);

    const [settings, booking] = await sub.received(2);
    expect(Date.parse(settings!.from)).toBeGreaterThanOrEqual(before - 1000);
    const days = (Date.parse(settings!.to) - Date.parse(settings!.from)) / (24 * HOUR);
    expect(days).toBeGreaterThan(59.9); // the provider books 60 days ahead
    expect(days).toBeLessThan(60.1);
    expect(booking!.to).toBe(new Date(Date.parse(startsAt) + HOUR).toISOString());
    expect(sub.events).toHaveLength(2);
  });

  it('fires once when rules and settings change together, over the new horizon', async () => {
    const customer = await aCustomer(t);
    const sub = watch(otherServiceId);
    await subscribersOn(t, 1);
    const rules = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 24 * 60 }));
    await call(SET_AVAILABILITY, { input: { rules, maxAdvanceDays: 30, minNoticeMinutes: 0 } }, b.provider.token);
    const startsAt = await aFreeStart(t, b.serviceId, 96);
    await call(REQUEST, { input: { serviceId: b.serviceId, startsAt } }, customer.token);

    // One event for the whole change, then the booking's: a second settings event would come before the booking.
    const [settings, booking] = await sub.received(2);
    const days = (Date.parse(settings!.to) - Date.parse(settings!.from)) / (24 * HOUR);
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(booking!.to).toBe(new Date(Date.parse(startsAt) + HOUR).toISOString());
    expect(sub.events).toHaveLength(2);
    await call(SET_AVAILABILITY, { input: { rules, maxAdvanceDays: 60 } }, b.provider.token);
  });

  it('answers NOT_FOUND for a service that does not exist', async () => {
    const sub = watch('00000000-0000-4000-8000-000000000000');
    expect((await sub.failed()).extensions?.code).toBe('NOT_FOUND');
  });
});
