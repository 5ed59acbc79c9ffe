// A provider open around the clock with one instant-booking service, and customers who
// book it through the API: the shortest way to a booking in a given state.
import { randomBytes } from 'node:crypto';
import { aCustomer, anAccountWithRole, type Account } from './accounts';
import type { TestApp } from './test-app';

export interface Bookable {
  provider: Account;
  providerId: string;
  serviceId: string;
  priceAmount: number;
}

export async function anOpenProvider(t: TestApp, opts: { priceAmount?: number; instantBooking?: boolean } = {}): Promise<Bookable> {
  const db = t.app.infra.prisma;
  const provider = await anAccountWithRole(t, 'PROVIDER');
  const profile = await db.providerProfile.create({
    data: {
      userId: provider.id,
      businessName: 'Always Open Plumbing',
      timeZone: 'Asia/Dhaka',
      city: 'Dhaka',
      minNoticeMinutes: 0,
      maxAdvanceDays: 60,
    },
  });
  const category = await db.category.create({ data: { slug: `plumbing-${randomBytes(3).toString('hex')}`, name: 'Plumbing' } });
  await db.availabilityRule.createMany({
    data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ providerId: profile.id, weekday, startMinute: 0, endMinute: 1440 })),
  });
  const priceAmount = opts.priceAmount ?? 150_000;
  const service = await db.service.create({
    data: {
      providerId: profile.id,
      categoryId: category.id,
      title: 'Leaky tap repair',
      description: 'Fix a dripping tap',
      priceAmount,
      durationMinutes: 60,
      instantBooking: opts.instantBooking ?? true,
    },
  });
  return { provider, providerId: profile.id, serviceId: service.id, priceAmount };
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
