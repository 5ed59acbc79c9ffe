// The waitlist of a full group slot on real PostgreSQL, through the API: a slot with room
// cannot be waited for; freed seats go to the line in order, one offer per seat however
// many cancellations and sweeps run at once; an offer that lapses goes to the next.
import { aService, anAlwaysOpenProvider, hourFromNow, manyCustomers, requestBooking } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';

const SET_SCHEDULING = `mutation($s: ID!, $i: ServiceSchedulingInput!) { setServiceScheduling(serviceId: $s, input: $i) { capacity } }`;
const JOIN = `mutation($s: ID!, $at: DateTime!) { joinWaitlist(serviceId: $s, startsAt: $at) { id status position } }`;
const MINE = `query { myWaitlist { id status position bookingId } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { status } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function aFullClass(seats: number) {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider, { instantBooking: true });
  expect(
    (await t.gql(SET_SCHEDULING, { s: service.id, i: { capacity: seats } }, { token: provider.account.token })).errors,
  ).toBeUndefined();
  const startsAt = hourFromNow(30);
  const holders = await manyCustomers(t, seats);
  const bookingIds: string[] = [];
  for (const c of holders) bookingIds.push((await requestBooking(t, c, service.id, startsAt)).data!.requestBooking.id);
  return { service, startsAt, holders, bookingIds };
}

async function joinInOrder(serviceId: string, startsAt: Date, count: number) {
  const line = await manyCustomers(t, count);
  for (const c of line)
    expect((await t.gql(JOIN, { s: serviceId, at: startsAt.toISOString() }, { token: c.token })).errors).toBeUndefined();
  return line;
}

const statusOf = async (token: string) => (await t.gql(MINE, {}, { token })).data!.myWaitlist[0];

it('refuses to wait for a slot that still has room', async () => {
  const provider = await anAlwaysOpenProvider(t);
  const service = await aService(t, provider);
  const [c] = await manyCustomers(t, 1);
  expect(codes(await t.gql(JOIN, { s: service.id, at: hourFromNow(30).toISOString() }, { token: c!.token }))).toEqual(['CONFLICT']);
});

it('offers the seat a holder moves to another session to the first in line', async () => {
  const { service, startsAt, holders, bookingIds } = await aFullClass(2);
  const line = await joinInOrder(service.id, startsAt, 2);
  const later = new Date(startsAt.getTime() + 2 * 3_600_000);
  const MOVE = `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { startsAt } }`;
  const moved = await t.gql(MOVE, { id: bookingIds[0], at: later.toISOString() }, { token: holders[0]!.token });
  expect(moved.errors).toBeUndefined();
  expect((await statusOf(line[0]!.token)).status).toBe('OFFERED');
  expect(await statusOf(line[1]!.token)).toMatchObject({ status: 'WAITING', position: 1 });
});

it('offers two seats freed at once to the first two in line, exactly once each, and tells them', async () => {
  const { service, startsAt, holders, bookingIds } = await aFullClass(2);
  const line = await joinInOrder(service.id, startsAt, 5);
  expect(await statusOf(line[4]!.token)).toMatchObject({ status: 'WAITING', position: 5 });

  const cancels = await Promise.all(holders.map((h, i) => t.gql(CANCEL, { id: bookingIds[i] }, { token: h.token })));
  expect(cancels.every((r) => r.data?.cancelBooking.status === 'CANCELLED')).toBe(true);

  const states = await Promise.all(line.map((c) => statusOf(c.token)));
  expect(states.map((s) => s.status)).toEqual(['OFFERED', 'OFFERED', 'WAITING', 'WAITING', 'WAITING']);
  expect(states.slice(2).map((s) => s.position)).toEqual([1, 2, 3]);
  const offered = await t.app.infra.prisma.booking.findMany({ where: { id: { in: [states[0].bookingId, states[1].bookingId] } } });
  expect(offered.map((b) => b.status)).toEqual(['PENDING_PAYMENT', 'PENDING_PAYMENT']);
  const held = await t.app.infra.prisma.booking.count({
    where: { serviceId: service.id, status: { in: ['PENDING_PAYMENT', 'CONFIRMED'] } },
  });
  expect(held).toBe(2);
  const notes = await t.app.infra.prisma.notification.findMany({ where: { type: 'WAITLIST_OFFER' } });
  expect(notes.filter((n) => n.userId === line[0]!.id || n.userId === line[1]!.id)).toHaveLength(2);
  const mail = await t.app.infra.prisma.emailMessage.count({ where: { to: { in: [line[0]!.email, line[1]!.email] } } });
  expect(mail).toBeGreaterThanOrEqual(2);
});

it('passes a lapsed offer to the next in line once, however many sweeps run at once', async () => {
  const { service, startsAt, holders, bookingIds } = await aFullClass(1);
  const line = await joinInOrder(service.id, startsAt, 3);
  await t.gql(CANCEL, { id: bookingIds[0] }, { token: holders[0]!.token });
  const first = await statusOf(line[0]!.token);
  expect(first.status).toBe('OFFERED');

  // The first in line lets the hold run out; ten sweeps race to expire it.
  await t.app.infra.prisma.booking.update({ where: { id: first.bookingId }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
  await Promise.all(Array.from({ length: 10 }, () => t.app.services.bookings.expireOverdue(new Date())));

  expect((await statusOf(line[0]!.token)).status).toBe('LAPSED');
  expect((await statusOf(line[1]!.token)).status).toBe('OFFERED');
  expect(await statusOf(line[2]!.token)).toMatchObject({ status: 'WAITING', position: 1 });
  const holding = await t.app.infra.prisma.booking.count({ where: { serviceId: service.id, status: 'PENDING_PAYMENT' } });
  expect(holding).toBe(1);
});

describe('the sweep closes the gaps a dying process leaves', () => {
  const sweeps = (n: number) => Promise.all(Array.from({ length: n }, () => t.app.services.waitlist.sweepOffers(new Date())));
  const prisma = () => t.app.infra.prisma;

  it('gives a place claimed for the first in line but never booked to them, once, however many sweeps race', async () => {
    const { service, startsAt, bookingIds } = await aFullClass(1);
    const line = await joinInOrder(service.id, startsAt, 3);
    // The holder's cancellation committed and the offer's claim was made, then the process died.
    await prisma().booking.update({ where: { id: bookingIds[0] }, data: { status: 'CANCELLED' } });
    const first = (await statusOf(line[0]!.token)).id as string;
    await prisma().waitlistEntry.update({ where: { id: first }, data: { status: 'OFFERED' } });
    await prisma().$executeRaw`UPDATE waitlist_entry SET updated_at = now() - interval '1 hour' WHERE id = ${first}::uuid`;

    const offered = await sweeps(10);
    expect(offered.reduce((a, b) => a + b, 0)).toBe(1);
    const states = await Promise.all(line.map((c) => statusOf(c.token)));
    expect(states.map((s) => s.status)).toEqual(['OFFERED', 'WAITING', 'WAITING']);
    expect(states[0].bookingId).not.toBeNull();
    expect(await prisma().booking.count({ where: { serviceId: service.id, status: 'PENDING_PAYMENT' } })).toBe(1);
    expect(await prisma().notification.count({ where: { type: 'WAITLIST_OFFER', userId: line[0]!.id } })).toBe(1);
  });

  it('passes an offer whose booking expired unseen to the next in line, once', async () => {
    const { service, startsAt, holders, bookingIds } = await aFullClass(1);
    const line = await joinInOrder(service.id, startsAt, 3);
    await t.gql(CANCEL, { id: bookingIds[0] }, { token: holders[0]!.token });
    const first = await statusOf(line[0]!.token);
    expect(first.status).toBe('OFFERED');
    // The hold ran out and the booking expired, but the process died before passing the place on.
    await prisma().booking.update({ where: { id: first.bookingId }, data: { status: 'EXPIRED' } });

    const offered = await sweeps(10);
    expect(offered.reduce((a, b) => a + b, 0)).toBe(1);
    const states = await Promise.all(line.map((c) => statusOf(c.token)));
    expect(states.map((s) => s.status)).toEqual(['LAPSED', 'OFFERED', 'WAITING']);
    expect(await prisma().booking.count({ where: { serviceId: service.id, status: 'PENDING_PAYMENT' } })).toBe(1);
    expect(await sweeps(3)).toEqual([0, 0, 0]);
  });

  it('leaves a claim that is still being booked alone', async () => {
    const { service, startsAt, bookingIds } = await aFullClass(1);
    const line = await joinInOrder(service.id, startsAt, 2);
    await prisma().booking.update({ where: { id: bookingIds[0] }, data: { status: 'CANCELLED' } });
    const first = (await statusOf(line[0]!.token)).id as string;
    await prisma().waitlistEntry.update({ where: { id: first }, data: { status: 'OFFERED', updatedAt: new Date() } });

    // The fresh claim keeps its place, and its slot is left to the offer in flight.
    expect(await sweeps(3)).toEqual([0, 0, 0]);
    const states = await Promise.all(line.map((c) => statusOf(c.token)));
    expect(states.map((s) => [s.status, s.bookingId])).toEqual([
      ['OFFERED', null],
      ['WAITING', null],
    ]);
  });
});
