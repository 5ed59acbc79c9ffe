// Seats and booking limits through the API on real PostgreSQL, under 100-way races over
// HTTP (rate limits off, as in every test app): the last 3 seats go to exactly 3 of 100
// customers, and no day ends over its limit however many ask at once.
import { aService, anAlwaysOpenProvider, hourFromNow, manyCustomers, requestBooking, type TestService } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

const RACERS = 100;
const SET_SCHEDULING = `mutation($s: ID!, $i: ServiceSchedulingInput!) { setServiceScheduling(serviceId: $s, input: $i) { capacity intervalMinutes } }`;
const SET_LIMITS = `mutation($i: BookingLimitsInput!) { setBookingLimits(input: $i) { maxBookingsPerDay maxMinutesPerWeek } }`;
const SLOTS = `query($s: ID!, $from: DateTime!, $to: DateTime!, $tz: String) {
  availableSlots(serviceId: $s, from: $from, to: $to, timeZone: $tz) { startsAt seatsLeft localDate localTime timeZone } }`;

const MOVE = `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { startsAt } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function schedule(token: string, service: TestService, input: object) {
  const r = await t.gql(SET_SCHEDULING, { s: service.id, i: input }, { token });
  expect(r.errors).toBeUndefined();
}

async function race(service: TestService, starts: Date[]) {
  const customers = await manyCustomers(t, starts.length);
  const answers = await Promise.all(customers.map((c, i) => requestBooking(t, c, service.id, starts[i]!)));
  return { winners: answers.filter((a) => a.data?.requestBooking).length, refusals: answers.flatMap((a) => codes(a)) };
}

describe('seats', () => {
  it('sells a start of a 5-seat class 5 times, shows the seats left, and gives the last 3 seats to exactly 3 of 100', async () => {
    const provider = await anAlwaysOpenProvider(t);
    const service = await aService(t, provider);
    await schedule(provider.account.token, service, { capacity: 5 });
    const startsAt = hourFromNow(30);
    const [first, second] = await manyCustomers(t, 2);
    for (const c of [first!, second!]) expect((await requestBooking(t, c, service.id, startsAt)).errors).toBeUndefined();

    const window = { s: service.id, from: startsAt.toISOString(), to: new Date(startsAt.getTime() + 1).toISOString() };
    const slots = await t.gql(SLOTS, { ...window, tz: 'asia/kathmandu' });
    expect(slots.data!.availableSlots).toEqual([
      expect.objectContaining({ startsAt: startsAt.toISOString(), seatsLeft: 3, timeZone: 'Asia/Kathmandu' }),
    ]);
    expect(slots.data!.availableSlots[0].localTime).toMatch(/^\d\d:(45|15)$/); // +05:45 from a whole UTC hour

    const { winners, refusals } = await race(service, Array(RACERS).fill(startsAt));
    expect(winners).toBe(3);
    expect(refusals).toEqual(Array(RACERS - 3).fill('SLOT_UNAVAILABLE'));
    const holding = await t.app.infra.prisma.booking.findMany({ where: { serviceId: service.id }, select: { seatNumber: true } });
    expect(holding.map((b) => b.seatNumber).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await t.gql(SLOTS, window)).data!.availableSlots).toEqual([]);
  });

  it('moves a seat to another session: it takes a free seat there, frees its own, and of two racers for the last seat one moves', async () => {
    const provider = await anAlwaysOpenProvider(t);
    const service = await aService(t, provider, { instantBooking: true });
    await schedule(provider.account.token, service, { capacity: 2 });
    const [first, second, third] = [hourFromNow(30), hourFromNow(32), hourFromNow(34)];
    const [a, b, c, d] = await manyCustomers(t, 4);
    const book = async (who: typeof a, at: Date) => (await requestBooking(t, who!, service.id, at)).data!.requestBooking.id as string;
    const [aId, bId, cId] = [await book(a, first), await book(b, first), await book(c, second)];
    await book(d, third);
    const seatsAt = async (at: Date) =>
      (await t.gql(SLOTS, { s: service.id, from: at.toISOString(), to: new Date(at.getTime() + 1).toISOString() })).data!.availableSlots[0]
        ?.seatsLeft ?? 0;

    const moved = await t.gql(MOVE, { id: aId, at: second.toISOString() }, { token: a!.token });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleBooking.startsAt).toBe(second.toISOString());
    expect([await seatsAt(first), await seatsAt(second)]).toEqual([1, 0]);
    const seats = await t.app.infra.prisma.booking.findMany({
      where: { id: { in: [aId, cId] } },
      select: { seatGroup: true, seatNumber: true },
    });
    expect(new Set(seats.map((x) => x.seatGroup)).size).toBe(1);
    expect(seats.map((x) => x.seatNumber).sort()).toEqual([1, 2]);

    // The third session has one seat left; the one left at the first and one at the second both want it.
    const answers = await Promise.all([
      t.gql(MOVE, { id: bId, at: third.toISOString() }, { token: b!.token }),
      t.gql(MOVE, { id: cId, at: third.toISOString() }, { token: c!.token }),
    ]);
    expect(answers.filter((r) => r.data?.rescheduleBooking).length).toBe(1);
    expect(answers.flatMap((r) => codes(r))).toEqual(['SLOT_UNAVAILABLE']);
    expect(await seatsAt(third)).toBe(0);
  });

  it('keeps a single-seat service of the same provider out of a class that is running', async () => {
    const provider = await anAlwaysOpenProvider(t);
    const group = await aService(t, provider);
    const single = await aService(t, provider, { durationMinutes: 30 });
    await schedule(provider.account.token, group, { capacity: 4 });
    const startsAt = hourFromNow(30);
    const [a, b] = await manyCustomers(t, 2);
    expect((await requestBooking(t, a!, group.id, startsAt)).errors).toBeUndefined();
    expect(codes(await requestBooking(t, b!, single.id, new Date(startsAt.getTime() + 30 * 60_000)))).toEqual(['SLOT_UNAVAILABLE']);
  });
});

describe('booking limits', () => {
  it('lets 100 racers for one day of a service limited to 3 bookings a day book exactly 3', async () => {
    const provider = await anAlwaysOpenProvider(t);
    const service = await aService(t, provider);
    await schedule(provider.account.token, service, { maxBookingsPerDay: 3 });
    const day = hourFromNow(48);
    day.setUTCHours(0, 0, 0, 0);
    const starts = Array.from({ length: RACERS }, (_, i) => new Date(day.getTime() + (i % 24) * 3_600_000));
    // Different hours of one UTC day: no two overlap unless they are the same hour.
    const { winners, refusals } = await race(service, starts);
    expect(winners).toBe(3);
    expect(new Set(refusals)).toEqual(new Set(['SLOT_UNAVAILABLE']));
    const booked = await t.app.infra.prisma.booking.count({ where: { serviceId: service.id } });
    expect(booked).toBe(3);
    const slots = await t.gql(SLOTS, {
      s: service.id,
      from: day.toISOString(),
      to: new Date(day.getTime() + 2 * 86_400_000).toISOString(),
    });
    expect(slots.data!.availableSlots.every((s: { localDate: string }) => s.localDate !== day.toISOString().slice(0, 10))).toBe(true);
  });

  it("holds a provider's weekly minutes across two services racing at once: never over", async () => {
    const provider = await anAlwaysOpenProvider(t);
    const hour = await aService(t, provider);
    const half = await aService(t, provider, { durationMinutes: 30 });
    const r = await t.gql(SET_LIMITS, { i: { maxMinutesPerWeek: 150 } }, { token: provider.account.token });
    expect(r.data!.setBookingLimits).toEqual({ maxBookingsPerDay: null, maxMinutesPerWeek: 150 });
    const base = hourFromNow(30).getTime();
    const customers = await manyCustomers(t, RACERS);
    const answers = await Promise.all(
      customers.map((c, i) => requestBooking(t, c, i % 2 ? hour.id : half.id, new Date(base + (i % 50) * 3_600_000))),
    );
    expect(new Set(answers.flatMap((a) => codes(a)))).toEqual(new Set(['SLOT_UNAVAILABLE']));
    const rows = await t.app.infra.prisma.booking.findMany({
      where: { providerId: provider.id },
      select: { startsAt: true, endsAt: true },
    });
    const minutesByWeek = new Map<number, number>();
    for (const b of rows) {
      const day = Math.floor(b.startsAt.getTime() / 86_400_000);
      const week = day - ((day + 3) % 7);
      minutesByWeek.set(week, (minutesByWeek.get(week) ?? 0) + (b.endsAt.getTime() - b.startsAt.getTime()) / 60_000);
    }
    expect(Math.max(...minutesByWeek.values())).toBeLessThanOrEqual(150);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses limits that make no sense before writing anything', async () => {
    const provider = await anAlwaysOpenProvider(t);
    const r = await t.gql(SET_LIMITS, { i: { maxBookingsPerDay: 0 } }, { token: provider.account.token });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(await t.app.infra.prisma.providerBookingLimits.count({ where: { providerId: provider.id } })).toBe(0);
  });
});
