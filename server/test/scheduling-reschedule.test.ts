// Reschedule rules per service through the API: at most K moves per booking, a notice
// window of the service's own instead of the platform's full-refund window, limits counted
// again under concurrency, and allowedActions saying the same as the mutation.
import { aBookingRow, aService, anAlwaysOpenProvider, hourFromNow, manyCustomers, requestBooking } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

const SET_SCHEDULING = `mutation($s: ID!, $i: ServiceSchedulingInput!) { setServiceScheduling(serviceId: $s, input: $i) { maxReschedules } }`;
const RESCHEDULE = `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { startsAt } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function aBookingOf(policy: object, startsAt: Date) {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider);
  expect((await t.gql(SET_SCHEDULING, { s: service.id, i: policy }, { token: provider.account.token })).errors).toBeUndefined();
  const [customer] = await manyCustomers(t, 1);
  const booked = await requestBooking(t, customer!, service.id, startsAt);
  return { customer: customer!, id: booked.data!.requestBooking.id as string };
}

const move = (token: string, id: string, at: Date) => t.gql(RESCHEDULE, { id, at: at.toISOString() }, { token });

it('moves a booking as often as its service allows, then refuses with INVALID_TRANSITION', async () => {
  const start = hourFromNow(72);
  const { customer, id } = await aBookingOf({ maxReschedules: 1 }, start);
  expect((await move(customer.token, id, new Date(start.getTime() + 3_600_000))).errors).toBeUndefined();
  const again = await move(customer.token, id, new Date(start.getTime() + 2 * 3_600_000));
  expect(codes(again)).toEqual(['INVALID_TRANSITION']);
  expect(again.errors![0]!.message).toMatch(/already moved once/);
});

it("closes rescheduling at the service's own notice before the start", async () => {
  const start = hourFromNow(5);
  const { customer, id } = await aBookingOf({ rescheduleNoticeMinutes: 6 * 60 }, start);
  const r = await move(customer.token, id, new Date(start.getTime() + 3_600_000));
  expect(codes(r)).toEqual(['INVALID_TRANSITION']);
  expect(r.errors![0]!.message).toMatch(/360 minutes before/);
  const roomy = await aBookingOf({ rescheduleNoticeMinutes: 60 }, start);
  expect((await move(roomy.customer.token, roomy.id, new Date(start.getTime() + 3_600_000))).errors).toBeUndefined();
});

it('counts the day again when moving: of 20 bookings racing into a day limited to one booking, exactly one moves there', async () => {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider);
  expect(
    (await t.gql(SET_SCHEDULING, { s: service.id, i: { maxBookingsPerDay: 1 } }, { token: provider.account.token })).errors,
  ).toBeUndefined();
  const day = hourFromNow(48);
  day.setUTCHours(0, 0, 0, 0);
  const customers = await manyCustomers(t, 20);
  // Each books a day of its own after `day`, then all move into `day` at different hours at once.
  const ids = await Promise.all(
    customers.map(async (c, i) => {
      const r = await requestBooking(t, c, service.id, new Date(day.getTime() + (i + 1) * 86_400_000 + 10 * 3_600_000));
      expect(r.errors).toBeUndefined();
      return r.data!.requestBooking.id as string;
    }),
  );
  const moves = await Promise.all(customers.map((c, i) => move(c.token, ids[i]!, new Date(day.getTime() + i * 3_600_000))));
  expect(moves.filter((m) => m.data?.rescheduleBooking).length).toBe(1);
  expect(new Set(moves.flatMap((m) => codes(m)))).toEqual(new Set(['SLOT_UNAVAILABLE']));
  const onDay = await t.app.infra.prisma.booking.count({
    where: { serviceId: service.id, startsAt: { gte: day, lt: new Date(day.getTime() + 86_400_000) } },
  });
  expect(onDay).toBe(1);
});

describe("allowedActions follows the service's reschedule rules", () => {
  const ACTIONS = `query($id: ID!) { booking(id: $id) { allowedActions } }`;
  const actions = async (token: string, id: string) => (await t.gql(ACTIONS, { id }, { token })).data!.booking.allowedActions as string[];

  it("offers RESCHEDULE of a confirmed booking inside the platform's 24 hours when the service's own window allows it", async () => {
    const provider = await anAlwaysOpenProvider(t);
    const service = await aService(t, provider);
    const [customer] = await manyCustomers(t, 1);
    const confirmed = await aBookingRow(t, service, customer!.id, hourFromNow(10), 'CONFIRMED');
    expect(await actions(customer!.token, confirmed.id)).toEqual(['CANCEL']); // the platform's 24 h
    await t.gql(SET_SCHEDULING, { s: service.id, i: { rescheduleNoticeMinutes: 60 } }, { token: provider.account.token });
    expect(await actions(customer!.token, confirmed.id)).toEqual(['CANCEL', 'RESCHEDULE']);
  });

  it('stops offering RESCHEDULE inside the notice window and once the moves are used up', async () => {
    const start = hourFromNow(5);
    const near = await aBookingOf({ rescheduleNoticeMinutes: 6 * 60 }, start);
    expect(await actions(near.customer.token, near.id)).toEqual(['CANCEL']);

    const once = await aBookingOf({ maxReschedules: 1 }, hourFromNow(72));
    expect(await actions(once.customer.token, once.id)).toEqual(['CANCEL', 'RESCHEDULE']);
    expect((await move(once.customer.token, once.id, hourFromNow(80))).errors).toBeUndefined();
    expect(await actions(once.customer.token, once.id)).toEqual(['CANCEL']);
  });

  it('offers RESCHEDULE on a seat of a group session too, and moves it', async () => {
    const seat = await aBookingOf({ capacity: 3 }, hourFromNow(72));
    expect(await actions(seat.customer.token, seat.id)).toEqual(['CANCEL', 'RESCHEDULE']);
    expect((await move(seat.customer.token, seat.id, hourFromNow(80))).errors).toBeUndefined();
  });
});
