// Working hours and free slots through the API, on real PostgreSQL and Redis: rules,
// exceptions, buffers, notice, horizon, other bookings of the provider, DST in London,
// and a provider whose zone is not the customer's. (Pure DST cases: slot-calculator.test.ts.)
import { DateTime } from 'luxon';
import { aCustomer } from './support/accounts';
import { aBookingRow, aProvider, aService, hm, hours, workingHours, type TestProvider, type TestService } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const SLOTS = `query($s: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(serviceId: $s, from: $from, to: $to) { startsAt endsAt } }`;
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id status } }`;

async function slotsOf(service: TestService, from: Date, to: Date, token?: string): Promise<{ startsAt: string; endsAt: string }[]> {
  const r = await t.gql(SLOTS, { s: service.id, from: from.toISOString(), to: to.toISOString() }, { token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.availableSlots;
}

/** The provider's local day `daysAhead` from today, as [start, end) instants plus its date. */
function localDay(zone: string, daysAhead: number) {
  const start = DateTime.now().setZone(zone).plus({ days: daysAhead }).startOf('day');
  return { date: start.toISODate()!, from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** Slot starts as the provider's wall clock shows them. */
const wall = (slots: { startsAt: string }[], zone: string, format = 'HH:mm') =>
  slots.map((s) => DateTime.fromISO(s.startsAt, { zone }).toFormat(format));

async function dhakaProvider(rules = hours('09:00', '12:00')): Promise<TestProvider> {
  const provider = await aProvider(t, { zone: 'Asia/Dhaka' });
  await workingHours(t, provider, rules);
  return provider;
}

describe('availableSlots', () => {
  it('lists every slot of the service duration inside the weekly rules, several ranges a day', async () => {
    const provider = await dhakaProvider([...hours('09:00', '12:00'), ...hours('14:00', '16:00')]);
    const service = await aService(t, provider, { durationMinutes: 60 });
    const day = localDay('Asia/Dhaka', 3);
    const slots = await slotsOf(service, day.from, day.to);
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['09:00', '10:00', '11:00', '14:00', '15:00']);
    expect(slots[0]!.startsAt).toMatch(/Z$/);
    expect(new Date(slots[0]!.endsAt).getTime() - new Date(slots[0]!.startsAt).getTime()).toBe(3_600_000);
  });

  it('leaves out BLOCKED hours and whole days, and adds EXTRA hours', async () => {
    const provider = await dhakaProvider();
    const service = await aService(t, provider);
    const [d1, d2] = [localDay('Asia/Dhaka', 3), localDay('Asia/Dhaka', 4)];
    const add = (input: object) =>
      t.gql(
        `mutation($i: AvailabilityExceptionInput!) { addAvailabilityException(input: $i) { id } }`,
        { i: input },
        { token: provider.account.token },
      );
    await add({ date: d1.date, kind: 'BLOCKED', startMinute: hm('10:00'), endMinute: hm('11:00') });
    await add({ date: d1.date, kind: 'EXTRA', startMinute: hm('18:00'), endMinute: hm('20:00') });
    await add({ date: d2.date, kind: 'BLOCKED' });
    expect(wall(await slotsOf(service, d1.from, d1.to), 'Asia/Dhaka')).toEqual(['09:00', '11:00', '18:00', '19:00']);
    expect(await slotsOf(service, d2.from, d2.to)).toEqual([]);
  });

  it("keeps the buffer free after every booking and after the new slot, across the provider's services", async () => {
    const provider = await dhakaProvider(hours('09:00', '13:00'));
    const withBuffer = await aService(t, provider, { durationMinutes: 60, bufferMinutes: 30 });
    const short = await aService(t, provider, { durationMinutes: 30 });
    const customer = await aCustomer(t);
    const day = localDay('Asia/Dhaka', 3);
    await aBookingRow(t, withBuffer, customer.id, DateTime.fromJSDate(day.from).plus({ hours: 10 }).toJSDate(), 'CONFIRMED');
    // Busy 10:00–11:30 (with buffer): 09:00 would hold until 10:30, 11:00 starts inside the buffer.
    expect(wall(await slotsOf(withBuffer, day.from, day.to), 'Asia/Dhaka')).toEqual(['12:00']);
    expect(wall(await slotsOf(short, day.from, day.to), 'Asia/Dhaka')).toEqual(['09:00', '09:30', '11:30', '12:00', '12:30']);
  });

  it('ignores bookings that no longer hold their slot', async () => {
    const provider = await dhakaProvider();
    const service = await aService(t, provider);
    const customer = await aCustomer(t);
    const day = localDay('Asia/Dhaka', 3);
    for (const [hour, status] of [
      [9, 'CANCELLED'],
      [10, 'EXPIRED'],
      [11, 'REJECTED'],
    ] as const) {
      await aBookingRow(t, service, customer.id, DateTime.fromJSDate(day.from).plus({ hours: hour }).toJSDate(), status);
    }
    expect(wall(await slotsOf(service, day.from, day.to), 'Asia/Dhaka')).toEqual(['09:00', '10:00', '11:00']);
  });

  it('starts no earlier than the minimum notice and no later than the maximum advance', async () => {
    const provider = await aProvider(t, { zone: 'UTC' });
    await workingHours(t, provider, hours('00:00', '24:00'), { minNoticeMinutes: 120, maxAdvanceDays: 2 });
    const service = await aService(t, provider);
    const now = Date.now();
    const slots = await slotsOf(service, new Date(now), new Date(now + 5 * 86_400_000));
    const starts = slots.map((s) => new Date(s.startsAt).getTime());
    expect(starts[0]).toBeGreaterThanOrEqual(now + 120 * 60_000);
    expect(starts[0]).toBeLessThan(now + 180 * 60_000);
    expect(starts.at(-1)).toBeLessThanOrEqual(now + 2 * 86_400_000 + 60_000);
    expect(starts.at(-1)).toBeGreaterThan(now + 2 * 86_400_000 - 3_600_000);
  });

  it('follows Europe/London wall time across both DST changes', async () => {
    const provider = await aProvider(t, { zone: 'Europe/London', maxAdvanceDays: 365 });
    await workingHours(t, provider, [...hours('00:00', '04:00'), ...hours('09:00', '12:00')]);
    const service = await aService(t, provider);
    const day = (date: string) => {
      const start = DateTime.fromISO(date, { zone: 'Europe/London' });
      return slotsOf(service, start.toJSDate(), start.plus({ days: 1 }).toJSDate());
    };
    const format = 'HH:mmZZ';
    expect(wall(await day('2027-03-27'), 'Europe/London', format)).toEqual([
      '00:00+00:00',
      '01:00+00:00',
      '02:00+00:00',
      '03:00+00:00',
      '09:00+00:00',
      '10:00+00:00',
      '11:00+00:00',
    ]);
    // Spring forward: 01:00–02:00 does not exist, so 00:00–04:00 holds three hours.
    expect(wall(await day('2027-03-28'), 'Europe/London', format)).toEqual([
      '00:00+00:00',
      '02:00+01:00',
      '03:00+01:00',
      '09:00+01:00',
      '10:00+01:00',
      '11:00+01:00',
    ]);
    // Fall back: 01:00–02:00 happens twice, so 00:00–04:00 holds five hours.
    expect(wall(await day('2027-10-31'), 'Europe/London', format)).toEqual([
      '00:00+01:00',
      '01:00+01:00',
      '01:00+00:00',
      '02:00+00:00',
      '03:00+00:00',
      '09:00+00:00',
      '10:00+00:00',
      '11:00+00:00',
    ]);
  });

  it("answers in UTC instants of the provider's zone, whoever asks from wherever", async () => {
    const provider = await aProvider(t, { zone: 'Asia/Kolkata' });
    await workingHours(t, provider, hours('09:00', '11:00'));
    const service = await aService(t, provider);
    const customer = await aCustomer(t, { timeZone: 'America/New_York' });
    const day = localDay('Asia/Kolkata', 3);
    const asCustomer = await slotsOf(service, day.from, day.to, customer.token);
    expect(await slotsOf(service, day.from, day.to)).toEqual(asCustomer);
    expect(asCustomer.map((s) => s.startsAt)).toEqual([`${day.date}T03:30:00.000Z`, `${day.date}T04:30:00.000Z`]);
    const booked = await t.gql(REQUEST, { input: { serviceId: service.id, startsAt: asCustomer[0]!.startsAt } }, { token: customer.token });
    expect(booked.data?.requestBooking.status).toBe('REQUESTED');
  });

  it('sees its own changes at once: bookings, rules and exceptions invalidate cached slots', async () => {
    const provider = await dhakaProvider();
    const service = await aService(t, provider);
    const customer = await aCustomer(t);
    const day = localDay('Asia/Dhaka', 3);
    const now = async () => wall(await slotsOf(service, day.from, day.to), 'Asia/Dhaka');
    expect(await now()).toEqual(['09:00', '10:00', '11:00']);
    expect(await now()).toEqual(['09:00', '10:00', '11:00']); // from the cache
    const nine = DateTime.fromJSDate(day.from).plus({ hours: 9 }).toISO();
    await t.gql(REQUEST, { input: { serviceId: service.id, startsAt: nine } }, { token: customer.token });
    expect(await now()).toEqual(['10:00', '11:00']);
    await workingHours(t, provider, hours('09:00', '13:00'));
    expect(await now()).toEqual(['10:00', '11:00', '12:00']);
    const added = await t.gql(
      `mutation($i: AvailabilityExceptionInput!) { addAvailabilityException(input: $i) { id } }`,
      { i: { date: day.date, kind: 'BLOCKED', startMinute: hm('11:00'), endMinute: hm('12:00') } },
      { token: provider.account.token },
    );
    expect(await now()).toEqual(['10:00', '12:00']);
    await t.gql(
      `mutation($id: ID!) { removeAvailabilityException(id: $id) }`,
      { id: added.data!.addAvailabilityException.id },
      { token: provider.account.token },
    );
    expect(await now()).toEqual(['10:00', '11:00', '12:00']);
  });

  it('refuses windows that are empty or longer than 62 days, and unknown or withdrawn services', async () => {
    const provider = await dhakaProvider();
    const service = await aService(t, provider);
    const inactive = await aService(t, provider, { active: false });
    const ask = (serviceId: string, from: Date, to: Date) => t.gql(SLOTS, { s: serviceId, from: from.toISOString(), to: to.toISOString() });
    const from = new Date();
    const tooLong = await ask(service.id, from, new Date(from.getTime() + 63 * 86_400_000));
    expect(codes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0]!.message).toMatch(/62 days/);
    expect(codes(await ask(service.id, from, from))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await ask(service.id, from, new Date(from.getTime() + 62 * 86_400_000)))).toEqual([]);
    for (const id of [inactive.id, '00000000-0000-4000-8000-000000000000']) {
      const r = await ask(id, from, new Date(from.getTime() + 86_400_000));
      expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(r.errors![0]!.message).toBe('That service was not found or is no longer offered');
    }
    expect(codes(await ask('not-an-id', from, new Date(from.getTime() + 86_400_000)))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('serviceIdsWithFreeSlot (the catalog filter)', () => {
  it('keeps services with a free slot in the window and drops the rest', async () => {
    const day = localDay('UTC', 3);
    const open = await aService(t, await dhakaProvider());
    const noHours = await aService(t, await aProvider(t));
    const full = await aProvider(t, { zone: 'UTC' });
    await workingHours(t, full, hours('09:00', '10:00'));
    const fullService = await aService(t, full);
    const customer = await aCustomer(t);
    await aBookingRow(t, fullService, customer.id, DateTime.fromJSDate(day.from).plus({ hours: 9 }).toJSDate(), 'CONFIRMED');
    const extraOnly = await aProvider(t, { zone: 'UTC' });
    await t.gql(
      `mutation($i: AvailabilityExceptionInput!) { addAvailabilityException(input: $i) { id } }`,
      { i: { date: day.date, kind: 'EXTRA', startMinute: hm('15:00'), endMinute: hm('16:00') } },
      { token: extraOnly.account.token },
    );
    const extraService = await aService(t, extraOnly);
    const withdrawn = await aService(t, await dhakaProvider(), { active: false });

    const ids = await t.app.services.availability.serviceIdsWithFreeSlot(day.from, day.to);
    expect(ids).toEqual(expect.arrayContaining([open.id, extraService.id]));
    for (const id of [noHours.id, fullService.id, withdrawn.id]) expect(ids).not.toContain(id);

    const listed = await t.gql(`query($f: ServiceFilter) { services(filter: $f, first: 100) { edges { node { id } } } }`, {
      f: { availableFrom: day.from.toISOString(), availableTo: day.to.toISOString() },
    });
    const listedIds = listed.data!.services.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(listedIds).toEqual(expect.arrayContaining([open.id, extraService.id]));
    expect(listedIds).not.toContain(fullService.id);
  });
});
