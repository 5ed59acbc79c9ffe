// Many customers, one slot, real PostgreSQL (the exclusion constraint is the guard) over
// HTTP, with rate limits off (startTestApp does that: every request comes from 127.0.0.1).
// Exactly one request wins; every other gets SLOT_UNAVAILABLE and nothing else.
import { aService, anAlwaysOpenProvider, hourFromNow, manyCustomers, requestBooking } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

const ATTEMPTS = 100;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function race(attempts: { token: string; serviceId: string; startsAt: Date }[]) {
  const started = performance.now();
  const answers = await Promise.all(attempts.map((a) => requestBooking(t, a, a.serviceId, a.startsAt)));
  const ms = Math.round(performance.now() - started);
  const winners = answers.filter((a) => a.data?.requestBooking);
  const losers = answers.flatMap((a) => codes(a));
  return { ms, winners, losers, answers };
}

it(`lets exactly one of ${ATTEMPTS} concurrent requests for one slot win`, async () => {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider);
  const customers = await manyCustomers(t, ATTEMPTS);
  const startsAt = hourFromNow(30);
  const { ms, winners, losers, answers } = await race(customers.map((c) => ({ token: c.token, serviceId: service.id, startsAt })));

  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(winners).toHaveLength(1);
  expect(losers).toEqual(Array(ATTEMPTS - 1).fill('SLOT_UNAVAILABLE'));
  expect(await t.app.infra.prisma.booking.count({ where: { providerId: provider.id } })).toBe(1);
  // A refused request leaves nothing behind: the provider is told, by notification and email, once.
  expect(await t.app.infra.prisma.notification.count({ where: { userId: provider.account.id, type: 'BOOKING_REQUESTED' } })).toBe(1);
  expect(
    await t.app.infra.prisma.emailMessage.count({ where: { to: provider.account.email, subject: { startsWith: 'New booking request' } } }),
  ).toBe(1);
  console.log(`race, one slot: ${ATTEMPTS} attempts, ${winners.length} winner, ${losers.length} SLOT_UNAVAILABLE, ${ms} ms`);
});

it('lets exactly one win when the requests are for different but overlapping slots of two services', async () => {
  const provider = await anAlwaysOpenProvider(t);
  const hourLong = await aService(t, provider, { durationMinutes: 60 });
  const halfHour = await aService(t, provider, { durationMinutes: 30, bufferMinutes: 15 });
  const customers = await manyCustomers(t, ATTEMPTS);
  const ten = hourFromNow(30);
  const tenThirty = new Date(ten.getTime() + 30 * 60_000);
  // 10:00–11:00 of one service against 10:30–11:00 (+15 min buffer) of the other.
  const attempts = customers.map((c, i) =>
    i % 2 ? { token: c.token, serviceId: hourLong.id, startsAt: ten } : { token: c.token, serviceId: halfHour.id, startsAt: tenThirty },
  );
  const { ms, winners, losers } = await race(attempts);

  expect(winners).toHaveLength(1);
  expect(losers).toEqual(Array(ATTEMPTS - 1).fill('SLOT_UNAVAILABLE'));
  expect(await t.app.infra.prisma.booking.count({ where: { providerId: provider.id } })).toBe(1);
  console.log(`race, overlapping slots of two services: ${ATTEMPTS} attempts, ${winners.length} winner, ${ms} ms`);
});
