// Reschedule rules per service through the API: at most K moves per booking, and a notice
// window of the service's own instead of the platform's full-refund window.
import { aService, anAlwaysOpenProvider, hourFromNow, manyCustomers, requestBooking } from './support/catalog-builders';
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
