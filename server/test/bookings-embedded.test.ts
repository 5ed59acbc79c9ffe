// The same paths on the embedded default (PGlite in memory, in-process cache): the raw SQL
// (calendar, free-slot search, sweep, FOR UPDATE + SAVEPOINT) and the exclusion constraint
// must behave as on PostgreSQL. Races need many connections and run on PostgreSQL only.
import { DateTime } from 'luxon';
import { aCustomer } from './support/accounts';
import { aBookingRow, aService, anAlwaysOpenProvider, hourFromNow, requestBooking } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});
afterAll(() => t.stop());

it('books, refuses an overlap, lists slots, reschedules, sweeps and confirms on PGlite', async () => {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider, { instantBooking: true, bufferMinutes: 15 });
  const [alice, bob] = [await aCustomer(t), await aCustomer(t)];
  const at = hourFromNow(30);

  const booked = await requestBooking(t, alice, service.id, at);
  expect(booked.data!.requestBooking.status).toBe('PENDING_PAYMENT');
  expect(codes(await requestBooking(t, bob, service.id, at))).toEqual(['SLOT_UNAVAILABLE']);

  const day = DateTime.fromJSDate(at).toUTC().startOf('day');
  const slots = await t.gql(
    `query($s: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(serviceId: $s, from: $f, to: $t) { startsAt } }`,
    {
      s: service.id,
      f: day.toISO(),
      t: day.plus({ days: 1 }).toISO(),
    },
  );
  const starts = slots.data!.availableSlots.map((s: { startsAt: string }) => s.startsAt);
  expect(starts).not.toContain(at.toISOString());
  expect(starts).not.toContain(new Date(at.getTime() + 3_600_000).toISOString()); // inside the 15-minute buffer
  expect(await t.app.services.availability.serviceIdsWithFreeSlot(day.toJSDate(), day.plus({ days: 1 }).toJSDate())).toContain(service.id);

  const later = new Date(at.getTime() + 3 * 3_600_000);
  const moved = await t.gql(
    `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { startsAt } }`,
    {
      id: booked.data!.requestBooking.id,
      at: later.toISOString(),
    },
    { token: alice.token },
  );
  expect(moved.data!.rescheduleBooking.startsAt).toBe(later.toISOString());

  expect(await t.app.services.bookings.expireOverdue(new Date(Date.now() + 16 * 60_000))).toEqual([booked.data!.requestBooking.id]);
  await aBookingRow(t, service, bob.id, later, 'CONFIRMED');
  const outcome = await t.app.infra.prisma.$transaction((tx) => t.app.services.bookings.confirmPaid(tx, booked.data!.requestBooking.id));
  expect(outcome).toBe('not-holdable');
});
