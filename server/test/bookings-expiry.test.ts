// Holds running out (the sweep), and what payments asks of a booking: may this customer
// pay now, and "the money arrived: confirm it" inside payments' own transaction.
import { aCustomer, type Account } from './support/accounts';
import {
  aBookingRow,
  aService,
  anAlwaysOpenProvider,
  hourFromNow,
  requestBooking,
  type TestProvider,
  type TestService,
} from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { fewestStatements } from './support/statements';

let t: TestApp;
let provider: TestProvider;
let service: TestService;
let instant: TestService;
let customer: Account;
beforeAll(async () => {
  t = await startTestApp();
  provider = await anAlwaysOpenProvider(t);
  service = await aService(t, provider);
  instant = await aService(t, provider, { instantBooking: true, priceAmount: 80_000 });
  customer = await aCustomer(t);
});
afterAll(() => t.stop());

let nextHour = 30;
const freshStart = () => hourFromNow(nextHour++);
const bookings = () => t.app.services.bookings;
const statusOf = async (id: string) => (await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id } })).status;
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

describe('the expiry sweep', () => {
  it('expires a payment hold that ran out and frees the slot', async () => {
    const startsAt = freshStart();
    const held = await requestBooking(t, customer, instant.id, startsAt);
    const id = held.data!.requestBooking.id;
    expect(await bookings().expireOverdue()).not.toContain(id); // the hold still runs
    expect(await bookings().expireOverdue(minutesFromNow(16))).toContain(id);
    expect(await statusOf(id)).toBe('EXPIRED');
    const slots = await t.gql(
      `query($s: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(serviceId: $s, from: $f, to: $t) { startsAt } }`,
      {
        s: instant.id,
        f: startsAt.toISOString(),
        t: new Date(startsAt.getTime() + 1).toISOString(),
      },
    );
    expect(slots.data!.availableSlots).toEqual([{ startsAt: startsAt.toISOString() }]);
    const again = await requestBooking(t, await aCustomer(t), instant.id, startsAt);
    expect(again.data!.requestBooking.status).toBe('PENDING_PAYMENT');
  });

  it('expires requests the provider did not answer in time, or whose start came', async () => {
    const unanswered = await aBookingRow(t, service, customer.id, freshStart(), 'REQUESTED', { answerBy: minutesFromNow(-1) });
    const started = await aBookingRow(t, service, customer.id, hourFromNow(-1), 'REQUESTED', { answerBy: minutesFromNow(60) });
    const waiting = await aBookingRow(t, service, customer.id, freshStart(), 'REQUESTED');
    const confirmed = await aBookingRow(t, service, customer.id, hourFromNow(-5), 'CONFIRMED');
    const expired = await bookings().expireOverdue();
    expect(expired).toEqual(expect.arrayContaining([unanswered.id, started.id]));
    expect(expired).not.toContain(waiting.id);
    expect(await statusOf(confirmed.id)).toBe('CONFIRMED');
  });

  it('expires each booking once when two sweeps run at once', async () => {
    const overdue = [];
    for (let i = 0; i < 20; i++) {
      overdue.push(await aBookingRow(t, service, customer.id, freshStart(), 'PENDING_PAYMENT', { holdExpiresAt: minutesFromNow(-1) }));
    }
    const [a, b] = await Promise.all([bookings().expireOverdue(), bookings().expireOverdue()]);
    const ids = overdue.map((o) => o.id);
    expect([...a, ...b].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    const transitions = await t.app.infra.prisma.changeEvent.findMany({ where: { rowId: { in: ids }, op: 'UPDATE' } });
    expect(transitions.filter((e) => (e.payload as { status: string }).status === 'EXPIRED')).toHaveLength(20);
  });

  it('runs on its own every BOOKING_SWEEP_SECONDS', async () => {
    const fast = await startTestApp({ env: { BOOKING_SWEEP_SECONDS: '1' } });
    try {
      const p = await anAlwaysOpenProvider(fast);
      const s = await aService(fast, p);
      const c = await aCustomer(fast);
      const lapsed = await aBookingRow(fast, s, c.id, hourFromNow(30), 'PENDING_PAYMENT', { holdExpiresAt: minutesFromNow(-1) });
      const deadline = Date.now() + 5_000;
      let status = lapsed.status;
      while (status !== 'EXPIRED' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await fast.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: lapsed.id } })).status;
      }
      expect(status).toBe('EXPIRED');
    } finally {
      await fast.stop();
    }
  });
});

describe('for payments', () => {
  const viewer = (a: Account) => ({ userId: a.id, role: 'CUSTOMER' as const, sessionId: null, apiKey: null });

  it('bookingForPayment tells the customer what to pay for, and refuses everyone and everything else', async () => {
    const held = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT');
    expect(await bookings().bookingForPayment(viewer(customer), held.id)).toEqual({
      id: held.id,
      status: 'PENDING_PAYMENT',
      priceAmount: 80_000,
      currency: 'BDT',
      holdExpiresAt: held.holdExpiresAt,
      startsAt: held.startsAt,
      serviceTitle: 'Test Service',
      customer: { name: 'Casey Customer', email: customer.email, phone: null },
    });
    const refused = (who: Account, id: string) =>
      bookings()
        .bookingForPayment(viewer(who), id)
        .then(
          () => 'ok',
          (e: { code: string }) => e.code,
        );
    expect(await refused(provider.account, held.id)).toBe('FORBIDDEN');
    expect(await refused(customer, '00000000-0000-4000-8000-000000000000')).toBe('NOT_FOUND');
    const requested = await aBookingRow(t, service, customer.id, freshStart(), 'REQUESTED');
    expect(await refused(customer, requested.id)).toBe('INVALID_TRANSITION');
    const lapsed = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT', { holdExpiresAt: minutesFromNow(-1) });
    expect(await refused(customer, lapsed.id)).toBe('INVALID_TRANSITION');
  });

  const confirm = (id: string) => t.app.infra.prisma.$transaction((tx) => bookings().confirmPaid(tx, id));

  it('confirmPaid confirms a held booking once, even just after its hold ran out', async () => {
    const held = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT', { holdExpiresAt: minutesFromNow(-1) });
    expect(await confirm(held.id)).toBe('confirmed');
    expect(await statusOf(held.id)).toBe('CONFIRMED');
    expect(await confirm(held.id)).toBe('already-confirmed');
    const confirmed: string[] = [];
    t.app.infra.events.on('booking.confirmed', (e) => void confirmed.push(e.bookingId));
    await bookings().confirmedAfterCommit(held.id);
    await t.app.infra.events.settle();
    expect(confirmed).toEqual([held.id]);
  });

  it('confirmPaid re-takes the slot of an expired booking while it is free', async () => {
    const lapsed = await aBookingRow(t, instant, customer.id, freshStart(), 'EXPIRED');
    expect(await confirm(lapsed.id)).toBe('confirmed');
    expect(await statusOf(lapsed.id)).toBe('CONFIRMED');
  });

  it("confirmPaid answers not-holdable when the slot is gone, and the caller's transaction carries on", async () => {
    const startsAt = freshStart();
    const lapsed = await aBookingRow(t, instant, customer.id, startsAt, 'EXPIRED');
    await aBookingRow(t, instant, (await aCustomer(t)).id, startsAt, 'CONFIRMED');
    const marker = await aBookingRow(t, service, customer.id, freshStart(), 'REQUESTED');
    const outcome = await t.app.infra.prisma.$transaction(async (tx) => {
      const result = await bookings().confirmPaid(tx, lapsed.id);
      await tx.booking.update({ where: { id: marker.id }, data: { notes: 'written after the failed re-take' } });
      return result;
    });
    expect(outcome).toBe('not-holdable');
    expect(await statusOf(lapsed.id)).toBe('EXPIRED');
    expect((await t.app.infra.prisma.booking.findUniqueOrThrow({ where: { id: marker.id } })).notes).toBe(
      'written after the failed re-take',
    );
  });

  it('confirmPaid does not revive an expired booking whose start has passed', async () => {
    const past = await aBookingRow(t, instant, customer.id, hourFromNow(-10), 'EXPIRED');
    expect(await confirm(past.id)).toBe('not-holdable');
    expect(await statusOf(past.id)).toBe('EXPIRED');
  });

  it('confirmPaid never revives a booking a person cancelled or rejected, even with its slot free', async () => {
    const cancelled = await aBookingRow(t, instant, customer.id, freshStart(), 'CANCELLED');
    const rejected = await aBookingRow(t, service, customer.id, freshStart(), 'REJECTED');
    expect([await confirm(cancelled.id), await confirm(rejected.id)]).toEqual(['ended', 'ended']);
    expect([await statusOf(cancelled.id), await statusOf(rejected.id)]).toEqual(['CANCELLED', 'REJECTED']);
  });

  it('the customer sees PAY gone once the hold has been confirmed', async () => {
    const held = await requestBooking(t, customer, instant.id, freshStart());
    await confirm(held.data!.requestBooking.id);
    const view = await t.gql(
      `query($id: ID!) { booking(id: $id) { status holdExpiresAt allowedActions cancellationRefund { amount } } }`,
      { id: held.data!.requestBooking.id },
      { token: customer.token },
    );
    expect(codes(view)).toEqual([]);
    expect(view.data!.booking).toEqual({
      status: 'CONFIRMED',
      holdExpiresAt: null,
      allowedActions: ['CANCEL', 'RESCHEDULE'],
      cancellationRefund: { amount: 80_000 },
    });
  });

  it('bookingLoader batches lookups', async () => {
    const a = await aBookingRow(t, service, customer.id, freshStart(), 'REQUESTED');
    const statements = await fewestStatements(t, async () => {
      const loader = bookings().bookingLoader();
      const found = await Promise.all([loader.load(a.id), loader.load('nope'), loader.load('00000000-0000-4000-8000-000000000000')]);
      expect(found.map((b) => b?.id ?? null)).toEqual([a.id, null, null]);
    });
    expect(statements).toBe(1);
  });
});
