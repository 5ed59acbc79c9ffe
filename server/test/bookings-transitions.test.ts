// Every transition by every actor in every status (docs/architecture.md's table), the time rules
// around it, cancellation refunds, rescheduling, and transitions racing each other.
import { aCustomer, anAdmin, type Account } from './support/accounts';
import {
  aBookingRow,
  aService,
  anAlwaysOpenProvider,
  BOOKING_FIELDS,
  hourFromNow,
  requestBooking,
  type TestProvider,
  type TestService,
} from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';
import type { DomainEvents } from '../src/infra/domain-events';

let t: TestApp;
let provider: TestProvider;
let service: TestService;
let people: Record<'customer' | 'provider' | 'admin' | 'stranger', Account>;
beforeAll(async () => {
  t = await startTestApp();
  provider = await anAlwaysOpenProvider(t);
  service = await aService(t, provider, { priceAmount: 250_000 });
  people = { customer: await aCustomer(t), provider: provider.account, admin: await anAdmin(t), stranger: await aCustomer(t) };
});
afterAll(() => t.stop());

const MUTATIONS = {
  accept: `mutation($id: ID!) { acceptBooking(id: $id) { ${BOOKING_FIELDS} } }`,
  reject: `mutation($id: ID!) { rejectBooking(id: $id, reason: "Fully booked that week") { ${BOOKING_FIELDS} } }`,
  cancel: `mutation($id: ID!) { cancelBooking(id: $id, reason: "Plans changed") { ${BOOKING_FIELDS} } }`,
  reschedule: `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { ${BOOKING_FIELDS} } }`,
  complete: `mutation($id: ID!) { completeBooking(id: $id) { ${BOOKING_FIELDS} } }`,
};
type Action = keyof typeof MUTATIONS;
type Actor = keyof typeof people;
type Status = 'REQUESTED' | 'PENDING_PAYMENT' | 'CONFIRMED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

// docs/architecture.md "Bookings", written out again here so the test states the rule it checks.
const ALLOWED: Record<Status, Partial<Record<Actor, Action[]>>> = {
  REQUESTED: { customer: ['cancel', 'reschedule'], provider: ['accept', 'reject'], admin: ['cancel'] },
  PENDING_PAYMENT: { customer: ['cancel', 'reschedule'], provider: ['cancel'], admin: ['cancel'] },
  CONFIRMED: { customer: ['cancel', 'reschedule'], provider: ['cancel', 'complete'], admin: ['cancel'] },
  COMPLETED: {},
  REJECTED: {},
  CANCELLED: {},
  EXPIRED: {},
};
const AFTER: Record<Action, (from: Status) => Status> = {
  accept: () => 'PENDING_PAYMENT',
  reject: () => 'REJECTED',
  cancel: () => 'CANCELLED',
  reschedule: (from) => from,
  complete: () => 'COMPLETED',
};

let nextHour = 48;
/** A fresh two-hour stretch per booking: the booking, then a free hour to reschedule into. */
const freshSlot = () => {
  const at = hourFromNow(nextHour);
  nextHour += 2;
  return { at, free: new Date(at.getTime() + 3_600_000) };
};

const act = (action: Action, who: Account, id: string, at?: Date) =>
  t.gql(MUTATIONS[action], { id, at: at?.toISOString() }, { token: who.token });

const cases = (Object.keys(ALLOWED) as Status[]).flatMap((status) =>
  (Object.keys(MUTATIONS) as Action[]).flatMap((action) =>
    (['customer', 'provider', 'admin', 'stranger'] as Actor[]).map((actor) => {
      const outcome =
        actor === 'stranger' ? 'FORBIDDEN' : ALLOWED[status][actor]?.includes(action) ? AFTER[action](status) : 'INVALID_TRANSITION';
      return [status, actor, action, outcome] as const;
    }),
  ),
);

it.each(cases)('%s: the %s tries to %s → %s', async (status, actor, action, outcome) => {
  const slot = freshSlot();
  // Completing needs a booking that has ended; everything else a future one.
  const startsAt = action === 'complete' ? new Date(hourFromNow(-3).getTime() - nextHour * 3_600_000) : slot.at;
  const booking = await aBookingRow(t, service, people.customer.id, startsAt, status);
  const r = await act(action, people[actor], booking.id, slot.free);
  const after = await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
  if (outcome === 'FORBIDDEN' || outcome === 'INVALID_TRANSITION') {
    expect(codes(r)).toEqual([outcome]);
    expect(after).toEqual(booking);
  } else {
    expect(r.errors).toBeUndefined();
    expect(after.status).toBe(outcome);
    if (action === 'reschedule') expect(after.startsAt).toEqual(slot.free);
  }
});

describe('time rules', () => {
  it('starts the payment hold when the provider accepts, until the answer window closes', async () => {
    const open = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'REQUESTED');
    const accepted = await act('accept', provider.account, open.id);
    expect(accepted.data!.acceptBooking.status).toBe('PENDING_PAYMENT');
    expect(Math.abs(new Date(accepted.data!.acceptBooking.holdExpiresAt).getTime() - Date.now() - 15 * 60_000)).toBeLessThan(5_000);
    const late = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'REQUESTED', { answerBy: new Date(Date.now() - 1000) });
    const r = await act('accept', provider.account, late.id);
    expect(codes(r)).toEqual(['INVALID_TRANSITION']);
    expect(r.errors![0]!.message).toBe('The time to answer this request has passed');
  });

  it('completes only after the end, and offers COMPLETE only then', async () => {
    const upcoming = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'CONFIRMED');
    const early = await act('complete', provider.account, upcoming.id);
    expect(codes(early)).toEqual(['INVALID_TRANSITION']);
    expect(early.errors![0]!.message).toMatch(/only after it ends/);
    const ended = await aBookingRow(t, service, people.customer.id, hourFromNow(-30), 'CONFIRMED');
    const view = await t.gql(
      `query($id: ID!) { booking(id: $id) { allowedActions } }`,
      { id: ended.id },
      { token: provider.account.token },
    );
    expect(view.data!.booking.allowedActions).toEqual(['CANCEL', 'COMPLETE']);
  });

  it('reschedules a confirmed booking only until the full-refund window closes', async () => {
    const soon = await aBookingRow(t, service, people.customer.id, hourFromNow(11), 'CONFIRMED');
    const r = await act('reschedule', people.customer, soon.id, hourFromNow(200));
    expect(codes(r)).toEqual(['INVALID_TRANSITION']);
    expect(r.errors![0]!.message).toMatch(/until 24 hours before it starts/);
    const view = await t.gql(`query($id: ID!) { booking(id: $id) { allowedActions } }`, { id: soon.id }, { token: people.customer.token });
    expect(view.data!.booking.allowedActions).toEqual(['CANCEL']);
  });

  it('offers PAY only while the hold lasts', async () => {
    const held = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'PENDING_PAYMENT');
    const lapsed = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'PENDING_PAYMENT', {
      holdExpiresAt: new Date(Date.now() - 1000),
    });
    const actions = async (id: string) =>
      (await t.gql(`query($id: ID!) { booking(id: $id) { allowedActions } }`, { id }, { token: people.customer.token })).data!.booking
        .allowedActions;
    expect(await actions(held.id)).toEqual(['PAY', 'CANCEL', 'RESCHEDULE']);
    expect(await actions(lapsed.id)).toEqual(['CANCEL', 'RESCHEDULE']);
  });
});

describe('cancelling', () => {
  const cancelled: DomainEvents['booking.cancelled'][] = [];
  beforeAll(() => t.app.infra.events.on('booking.cancelled', (e) => void cancelled.push(e)));
  const eventFor = async (id: string) => {
    await t.app.infra.events.settle();
    return cancelled.filter((e) => e.bookingId === id);
  };

  it.each([
    ['the customer, more than 24 hours ahead', 'customer', 30, 250_000],
    ['the customer, within 24 hours', 'customer', 3, 0],
    ['the provider, within 24 hours', 'provider', 5, 250_000],
    ['an admin, within 24 hours', 'admin', 7, 250_000],
  ] as const)('a confirmed booking by %s refunds by policy and tells payments', async (_name, actor, hoursAhead, refund) => {
    const booking = await aBookingRow(t, service, people.customer.id, hourFromNow(hoursAhead), 'CONFIRMED');
    const before = await t.gql(
      `query($id: ID!) { booking(id: $id) { cancellationRefund { amount currency } } }`,
      { id: booking.id },
      { token: people.customer.token },
    );
    if (actor === 'customer') expect(before.data!.booking.cancellationRefund).toEqual({ amount: refund, currency: 'BDT' });
    const r = await act('cancel', people[actor], booking.id);
    expect(r.data!.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Plans changed',
      cancellationRefund: { amount: refund },
    });
    const row = await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row).toMatchObject({ refundDueAmount: refund, cancelledBy: actor.toUpperCase() });
    expect(row.updatedAt.getTime()).toBeGreaterThan(booking.updatedAt.getTime());
    expect(await eventFor(booking.id)).toEqual([{ bookingId: booking.id, refundDue: refund, reason: 'Plans changed' }]);
  });

  it('an unpaid booking records no refund; payments hear of it only to close its payment session', async () => {
    const booking = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'PENDING_PAYMENT');
    const r = await act('cancel', people.customer, booking.id);
    expect(r.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', cancellationRefund: null });
    expect(await eventFor(booking.id)).toEqual([{ bookingId: booking.id, refundDue: null, reason: 'Plans changed' }]);
  });

  it('frees the slot for someone else', async () => {
    const { at } = freshSlot();
    const first = await requestBooking(t, people.customer, service.id, at);
    await act('cancel', people.customer, first.data!.requestBooking.id);
    const second = await requestBooking(t, people.stranger, service.id, at);
    expect(second.data!.requestBooking.status).toBe('REQUESTED');
  });
});

describe('rescheduling', () => {
  it('moves the booking, its end and its buffer in one step, keeping status and price', async () => {
    const buffered = await aService(t, provider, { durationMinutes: 30, bufferMinutes: 30, priceAmount: 90_000 });
    const { at } = freshSlot();
    const booking = await aBookingRow(t, buffered, people.customer.id, at, 'CONFIRMED', { holdExpiresAt: null });
    // 30 minutes later overlaps the booking's own hold: that is no conflict.
    const later = new Date(at.getTime() + 30 * 60_000);
    const r = await act('reschedule', people.customer, booking.id, later);
    expect(r.data!.rescheduleBooking).toMatchObject({ status: 'CONFIRMED', startsAt: later.toISOString(), price: { amount: 90_000 } });
    const row = await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row.endsAt).toEqual(new Date(later.getTime() + 30 * 60_000));
    expect(row.blockedUntil).toEqual(new Date(later.getTime() + 60 * 60_000));
  });

  it('into a taken slot fails and leaves the booking as it was', async () => {
    const mine = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'CONFIRMED');
    const theirs = await aBookingRow(t, service, people.stranger.id, freshSlot().at, 'REQUESTED');
    const r = await act('reschedule', people.customer, mine.id, theirs.startsAt);
    expect(codes(r)).toEqual(['SLOT_UNAVAILABLE']);
    expect(await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: mine.id } })).toEqual(mine);
    const offGrid = await act('reschedule', people.customer, mine.id, new Date(theirs.startsAt.getTime() + 7 * 3_600_000 + 20 * 60_000));
    expect(codes(offGrid)).toEqual(['BAD_USER_INPUT']);
    expect(await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: mine.id } })).toEqual(mine);
  });

  it('lets one of two customers moving into the same free slot at once win', async () => {
    const target = freshSlot().at;
    const a = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'REQUESTED');
    const b = await aBookingRow(t, service, people.stranger.id, freshSlot().at, 'REQUESTED');
    const answers = await Promise.all([act('reschedule', people.customer, a.id, target), act('reschedule', people.stranger, b.id, target)]);
    expect(answers.flatMap(codes)).toEqual(['SLOT_UNAVAILABLE']);
  });
});

describe('racing transitions', () => {
  it('lets exactly one of accept and reject win', async () => {
    const booking = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'REQUESTED');
    const answers = await Promise.all([act('accept', provider.account, booking.id), act('reject', provider.account, booking.id)]);
    expect(answers.flatMap(codes)).toEqual(['INVALID_TRANSITION']);
  });

  it('cancels a confirmed booking once when both parties cancel together', async () => {
    const booking = await aBookingRow(t, service, people.customer.id, freshSlot().at, 'CONFIRMED');
    const answers = await Promise.all([act('cancel', people.customer, booking.id), act('cancel', provider.account, booking.id)]);
    expect(answers.flatMap(codes)).toEqual(['INVALID_TRANSITION']);
    const events = await t.app.infra.prisma.changeEvent.count({ where: { rowId: booking.id, op: 'UPDATE' } });
    expect(events).toBe(1);
  });
});
