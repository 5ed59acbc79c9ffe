// A provider open around the clock (Asia/Dhaka) with one service, and customers who book
// it through the API: the shortest way to a booking in a given state.
import { aCustomer, type Account } from './accounts';
import { aService, anAlwaysOpenProvider } from './catalog-builders';
import type { TestApp } from './test-app';

export interface Bookable {
  provider: Account;
  providerId: string;
  serviceId: string;
  priceAmount: number;
}

export async function anOpenProvider(t: TestApp, opts: { priceAmount?: number; instantBooking?: boolean } = {}): Promise<Bookable> {
  const provider = await anAlwaysOpenProvider(t, 'Asia/Dhaka');
  const service = await aService(t, provider, { instantBooking: opts.instantBooking ?? true, priceAmount: opts.priceAmount });
  return { provider: provider.account, providerId: provider.id, serviceId: service.id, priceAmount: service.priceAmount };
}

const SLOTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(serviceId: $id, from: $from, to: $to) { startsAt } }`;
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id status holdExpiresAt } }`;

/** The first free start between `fromHours` and `fromHours + 24` hours from now. */
export async function aFreeStart(t: TestApp, serviceId: string, fromHours: number): Promise<string> {
  const from = new Date(Date.now() + fromHours * 3_600_000);
  const to = new Date(from.getTime() + 24 * 3_600_000);
  const r = await t.gql(SLOTS, { id: serviceId, from: from.toISOString(), to: to.toISOString() });
  const start = r.data?.availableSlots?.[0]?.startsAt;
  if (!start) throw new Error(`no free slot: ${JSON.stringify(r.errors)}`);
  return start;
}

/** A new customer with a PENDING_PAYMENT booking (instant booking) `fromHours` ahead. */
export async function aHeldBooking(
  t: TestApp,
  b: Bookable,
  fromHours = 48,
): Promise<{ customer: Account; bookingId: string; startsAt: string }> {
  const customer = await aCustomer(t);
  const startsAt = await aFreeStart(t, b.serviceId, fromHours);
  const r = await t.gql(REQUEST, { input: { serviceId: b.serviceId, startsAt } }, { token: customer.token });
  if (!r.data) throw new Error(`requestBooking failed: ${JSON.stringify(r.errors)}`);
  return { customer, bookingId: r.data.requestBooking.id, startsAt };
}
