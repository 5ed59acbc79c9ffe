// Nobody is left uninformed: each booking change someone must act on writes an in-app
// notification and its email to the right people, once, in the change's own transaction;
// people may turn the email of a kind off (the in-app one stays).
import { DateTime } from 'luxon';
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aBookingRow, aService, anAlwaysOpenProvider, hourFromNow, requestBooking, type TestService } from './support/catalog-builders';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { review } from './reviews-builders';
import { subscribersOn, wsClient } from './realtime-client';

let t: TestApp;
let provider: Account;
let requestable: TestService;
let instant: TestService;
beforeAll(async () => {
  t = await startTestApp();
  const shop = await anAlwaysOpenProvider(t);
  provider = shop.account;
  requestable = await aService(t, shop, { instantBooking: false });
  instant = await aService(t, shop, { instantBooking: true });
});
afterAll(() => t.stop());

const MINUTE = 60_000;
const prisma = () => t.app.infra.prisma;
let nextHour = 30;
/** A fresh start for each booking, so none collide. */
const freshStart = () => hourFromNow((nextHour += 2));

/** The notifications of this booking, as [who, kind] pairs. */
async function told(bookingId: string) {
  const rows = await prisma().notification.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });
  return rows.map((n) => ({ userId: n.userId, type: n.type, title: n.title, body: n.body }));
}
const emailsTo = (who: Account, subject: string) =>
  prisma().emailMessage.count({ where: { to: who.email, subject: { startsWith: subject } } });

async function aRequest(customer: Account) {
  const r = await requestBooking(t, customer, requestable.id, freshStart());
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.requestBooking as { id: string; startsAt: string };
}
const act = (who: Account, mutation: string, id: string, extra = '') =>
  t.gql(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { id status } }`, { id }, { token: who.token });

describe('booking notices', () => {
  it('tells the provider of a new request, live, with the answer deadline, once even when the client retries', async () => {
    const customer = await aCustomer(t, { name: 'Rina Akter' });
    const before = t.app.services.changeFeed.feed.subscribers();
    const live = wsClient(t, provider.token);
    try {
      const inbox = live.subscribe<{ type: string; title: string }>(`subscription { notificationAdded { type title } }`);
      await subscribersOn(t, before + 1);
      const startsAt = freshStart();
      const first = await requestBooking(t, customer, requestable.id, startsAt, { idempotencyKey: 'once' });
      await requestBooking(t, customer, requestable.id, startsAt, { idempotencyKey: 'once' });
      const id = first.data!.requestBooking.id;
      expect(await inbox.received(1)).toEqual([{ type: 'BOOKING_REQUESTED', title: 'New booking request' }]);
      const notes = await told(id);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ userId: provider.id, type: 'BOOKING_REQUESTED' });
      expect(notes[0]!.body).toMatch(/^Rina Akter asked for Test Service on .+\. Accept or reject it by .+ \(UTC\), or it expires\.$/);
      expect(await emailsTo(provider, 'New booking request')).toBeGreaterThanOrEqual(1);
    } finally {
      await live.close();
    }
  });

  it('tells nobody of an instant booking until something happens to it', async () => {
    const customer = await aCustomer(t);
    const r = await requestBooking(t, customer, instant.id, freshStart());
    expect(await told(r.data!.requestBooking.id)).toEqual([]);
  });

  it('tells the customer of an acceptance with the pay-by time, exactly once when two accepts race', async () => {
    const customer = await aCustomer(t);
    const booking = await aRequest(customer);
    const answers = await Promise.all([act(provider, 'acceptBooking', booking.id), act(provider, 'acceptBooking', booking.id)]);
    expect(answers.filter((a) => a.data).length).toBe(1);
    const accepted = (await told(booking.id)).filter((n) => n.type === 'BOOKING_ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ userId: customer.id, title: 'Request accepted: pay to confirm' });
    const holdExpiresAt = (await prisma().booking.findUniqueOrThrow({ where: { id: booking.id } })).holdExpiresAt!;
    // In the customer's own zone (Asia/Dhaka by default), e.g. "Pay by Tue 8 Dec, 14:45 (Asia/Dhaka)".
    const local = DateTime.fromJSDate(holdExpiresAt).setZone('Asia/Dhaka').toFormat('HH:mm');
    expect(accepted[0]!.body).toMatch(new RegExp(`Pay by .+ ${local} \\(Asia/Dhaka\\) to keep the slot\\.$`));
    expect(await emailsTo(customer, 'Request accepted')).toBe(1);
  });

  it('tells the customer of a rejection with the reason, and writes nothing when the change is refused', async () => {
    const customer = await aCustomer(t);
    const booking = await aRequest(customer);
    const r = await t.gql(
      `mutation($id: ID!) { rejectBooking(id: $id, reason: "Fully booked that week") { status } }`,
      { id: booking.id },
      { token: provider.token },
    );
    expect(r.data!.rejectBooking.status).toBe('REJECTED');
    const again = await act(provider, 'acceptBooking', booking.id);
    expect(codes(again)).toEqual(['INVALID_TRANSITION']);
    const notes = (await told(booking.id)).filter((n) => n.type !== 'BOOKING_REQUESTED');
    expect(notes.map((n) => [n.userId, n.type])).toEqual([[customer.id, 'BOOKING_REJECTED']]);
    expect(notes[0]!.body).toContain('"Fully booked that week"');
  });

  it('tells the other side of a cancellation, and both when an admin cancels', async () => {
    const customer = await aCustomer(t);
    const byCustomer = await aRequest(customer);
    await act(customer, 'cancelBooking', byCustomer.id);
    expect((await told(byCustomer.id)).filter((n) => n.type === 'BOOKING_CANCELLED').map((n) => n.userId)).toEqual([provider.id]);

    const byProvider = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT');
    await act(provider, 'cancelBooking', byProvider.id);
    expect((await told(byProvider.id)).map((n) => [n.userId, n.type])).toEqual([[customer.id, 'BOOKING_CANCELLED']]);

    const admin = await anAdmin(t);
    const byAdmin = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT');
    await act(admin, 'cancelBooking', byAdmin.id);
    expect((await told(byAdmin.id)).map((n) => n.userId).sort()).toEqual([customer.id, provider.id].sort());
  });

  it('tells the provider when the customer moves a booking, naming both times', async () => {
    const customer = await aCustomer(t);
    const booking = await aRequest(customer);
    const to = freshStart();
    const r = await t.gql(
      `mutation($id: ID!, $at: DateTime!) { rescheduleBooking(id: $id, startsAt: $at) { startsAt } }`,
      { id: booking.id, at: to.toISOString() },
      { token: customer.token },
    );
    expect(r.errors).toBeUndefined();
    const moved = (await told(booking.id)).filter((n) => n.type === 'BOOKING_RESCHEDULED');
    expect(moved.map((n) => n.userId)).toEqual([provider.id]);
    expect(moved[0]!.body).toMatch(/moved Test Service from .+ to .+\./);
  });

  it('tells both parties once when a booking expires, however many sweeps run', async () => {
    const customer = await aCustomer(t);
    const unanswered = await aBookingRow(t, requestable, customer.id, freshStart(), 'REQUESTED', {
      answerBy: new Date(Date.now() - MINUTE),
    });
    const unpaid = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT', {
      holdExpiresAt: new Date(Date.now() - MINUTE),
    });
    const bookings = t.app.services.bookings;
    await Promise.all([bookings.expireOverdue(), bookings.expireOverdue(), bookings.expireOverdue()]);
    await bookings.expireOverdue();
    for (const b of [unanswered, unpaid]) {
      expect((await told(b.id)).map((n) => [n.userId, n.type]).sort()).toEqual(
        [
          [customer.id, 'BOOKING_EXPIRED'],
          [provider.id, 'BOOKING_EXPIRED'],
        ].sort(),
      );
    }
    expect((await told(unanswered.id))[0]!.title).toBe('Request expired');
    expect(await emailsTo(customer, 'Booking expired')).toBe(1);
  });

  it('warns the customer a few minutes before an unpaid hold runs out, once', async () => {
    const customer = await aCustomer(t);
    const soon = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT', {
      holdExpiresAt: new Date(Date.now() + 3 * MINUTE),
    });
    const later = await aBookingRow(t, instant, customer.id, freshStart(), 'PENDING_PAYMENT', {
      holdExpiresAt: new Date(Date.now() + 12 * MINUTE),
    });
    const bookings = t.app.services.bookings;
    await Promise.all([bookings.remindDue(), bookings.remindDue()]);
    await bookings.remindDue();
    expect((await told(soon.id)).map((n) => [n.userId, n.type])).toEqual([[customer.id, 'HOLD_EXPIRING']]);
    expect(await told(later.id)).toEqual([]);
    expect(await emailsTo(customer, 'Your hold is about to expire')).toBe(1);
    // Twelve minutes on, the second one's warning comes.
    await bookings.remindDue(new Date(Date.now() + 9 * MINUTE));
    expect((await told(later.id)).map((n) => n.type)).toEqual(['HOLD_EXPIRING']);
  });

  it('reminds both parties the day before a confirmed visit, once', async () => {
    const customer = await aCustomer(t);
    const tomorrow = await aBookingRow(t, instant, customer.id, hourFromNow(20), 'CONFIRMED');
    const nextWeek = await aBookingRow(t, instant, customer.id, hourFromNow(24 * 7 + 5), 'CONFIRMED');
    const cancelled = await aBookingRow(t, instant, customer.id, hourFromNow(21), 'CANCELLED');
    await Promise.all([t.app.services.bookings.remindDue(), t.app.services.bookings.remindDue()]);
    await t.app.services.bookings.remindDue();
    expect((await told(tomorrow.id)).map((n) => [n.userId, n.type]).sort()).toEqual(
      [
        [customer.id, 'BOOKING_REMINDER'],
        [provider.id, 'BOOKING_REMINDER'],
      ].sort(),
    );
    expect(await told(nextWeek.id)).toEqual([]);
    expect(await told(cancelled.id)).toEqual([]);
  });

  it('tells the provider of a review', async () => {
    const customer = await aCustomer(t, { name: 'Karim' });
    const past = await aBookingRow(t, instant, customer.id, hourFromNow(-30), 'COMPLETED');
    const r = await review(t, customer, past.id, 4, 'Quick and tidy');
    expect(r.errors).toBeUndefined();
    expect(await told(past.id)).toEqual([
      { userId: provider.id, type: 'REVIEW_RECEIVED', title: 'New 4-star review', body: 'Karim rated you 4 of 5: "Quick and tidy"' },
    ]);
  });
});

describe('email preferences', () => {
  const PREFS = `{ notificationPreferences { kind email } }`;
  const SET = `mutation($kind: NotificationKind!, $email: Boolean!) { setNotificationEmail(kind: $kind, email: $email) { kind email } }`;

  it('lets a person turn the email of one kind off; the in-app notification still comes', async () => {
    const customer = await aCustomer(t);
    const prefs = (await t.gql(PREFS, {}, { token: customer.token })).data!.notificationPreferences as { kind: string; email: boolean }[];
    expect(prefs.every((p) => p.email)).toBe(true);
    expect(prefs.map((p) => p.kind)).toEqual(expect.arrayContaining(['BOOKING_ACCEPTED', 'BOOKING_REMINDER', 'REVIEW_RECEIVED']));
    const set = await t.gql(SET, { kind: 'BOOKING_ACCEPTED', email: false }, { token: customer.token });
    expect(set.data!.setNotificationEmail.find((p: { kind: string }) => p.kind === 'BOOKING_ACCEPTED').email).toBe(false);

    const booking = await aRequest(customer);
    await act(provider, 'acceptBooking', booking.id);
    expect((await told(booking.id)).map((n) => n.type)).toContain('BOOKING_ACCEPTED');
    expect(await emailsTo(customer, 'Request accepted')).toBe(0);
    await act(customer, 'cancelBooking', booking.id);
    // Other kinds still come by email (the provider's cancellation notice here).
    expect(await emailsTo(provider, 'Booking cancelled')).toBeGreaterThanOrEqual(1);

    await t.gql(SET, { kind: 'BOOKING_ACCEPTED', email: true }, { token: customer.token });
    const again = await aRequest(customer);
    await act(provider, 'acceptBooking', again.id);
    expect(await emailsTo(customer, 'Request accepted')).toBe(1);
  });

  it("honours the provider's opt-out for a new request, whose notes are written with the booking itself", async () => {
    await t.gql(SET, { kind: 'BOOKING_REQUESTED', email: false }, { token: provider.token });
    const before = await emailsTo(provider, 'New booking request');
    try {
      const booking = await aRequest(await aCustomer(t));
      expect((await told(booking.id)).map((n) => n.type)).toContain('BOOKING_REQUESTED');
      expect(await emailsTo(provider, 'New booking request')).toBe(before);
    } finally {
      await t.gql(SET, { kind: 'BOOKING_REQUESTED', email: true }, { token: provider.token });
    }
    await aRequest(await aCustomer(t));
    expect(await emailsTo(provider, 'New booking request')).toBe(before + 1);
  });

  it('needs a signed-in person', async () => {
    expect(codes(await t.gql(PREFS))).toEqual(['UNAUTHENTICATED']);
  });
});
