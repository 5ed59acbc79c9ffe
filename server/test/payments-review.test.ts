// A payment SSLCommerz flags (risk_level 1) is not confirmed on its own: it is held for
// review, admins see it and confirm it or refund it.
import { anAdmin, type Account } from './support/accounts';
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import {
  aConfirmedBooking,
  bookingState,
  holdExpiredAndSlotTaken,
  pressOnPayPage,
  sandboxOf,
  START,
  startPayment,
} from './support/payments';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
let admin: Account;
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t, { priceAmount: 120_000 });
  admin = await anAdmin(t);
});
afterAll(() => t.stop());

const HELD = `query { payments(status: [HELD_FOR_REVIEW], first: 100) { edges { node { id status heldReason booking { id status } } } } }`;
const CONFIRM = `mutation($id: ID!) { confirmHeldPayment(paymentId: $id) { id status paidAt } }`;
const REFUND = `mutation($id: ID!, $reason: String!) { refundPayment(paymentId: $id, reason: $reason) { status amount { amount } } }`;

/** The customer pays; the gateway takes the money but reports risk_level 1. */
async function aFlaggedPayment() {
  const held = await aHeldBooking(t, shop);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  sandboxOf(t).flagNextPaymentRisky();
  await pressOnPayPage(session.redirectUrl, 'success');
  return { ...held, paymentId: session.payment.id };
}

it('holds a risky payment for review instead of confirming the booking', async () => {
  const flagged = await aFlaggedPayment();
  const booking = await bookingState(t, flagged.customer.token, flagged.bookingId);
  expect(booking.status).toBe('PENDING_PAYMENT');
  expect(booking.payment).toMatchObject({ status: 'HELD_FOR_REVIEW', paidAt: null });
  const note = await t.app.infra.prisma.notification.findFirst({ where: { bookingId: flagged.bookingId, userId: flagged.customer.id } });
  expect(note).toMatchObject({ type: 'PAYMENT_HELD', title: 'Payment under review' });
  // Paying again while the first payment is being checked would charge twice.
  expect(codes(await t.gql(START, { id: flagged.bookingId }, { token: flagged.customer.token }))).toEqual(['CONFLICT']);
});

it('lists held payments, with the reason, to admins only', async () => {
  const flagged = await aFlaggedPayment();
  const list = await t.gql(HELD, {}, { token: admin.token });
  expect(list.data?.payments.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
    id: flagged.paymentId,
    status: 'HELD_FOR_REVIEW',
    heldReason: 'Risky',
    booking: { id: flagged.bookingId, status: 'PENDING_PAYMENT' },
  });
  expect(codes(await t.gql(HELD, {}, { token: flagged.customer.token }))).toEqual(['FORBIDDEN']);
  const own = await t.gql(
    `query($id: ID!) { booking(id: $id) { payment { heldReason } } }`,
    { id: flagged.bookingId },
    { token: flagged.customer.token },
  );
  expect(codes(own)).toEqual(['FORBIDDEN']);
});

it('confirms the booking when an admin confirms the held payment', async () => {
  const flagged = await aFlaggedPayment();
  expect(codes(await t.gql(CONFIRM, { id: flagged.paymentId }, { token: flagged.customer.token }))).toEqual(['FORBIDDEN']);
  const r = await t.gql(CONFIRM, { id: flagged.paymentId }, { token: admin.token });
  expect(r.data?.confirmHeldPayment).toMatchObject({ id: flagged.paymentId, status: 'PAID', paidAt: expect.any(String) });
  expect((await bookingState(t, flagged.customer.token, flagged.bookingId)).status).toBe('CONFIRMED');
  expect(codes(await t.gql(CONFIRM, { id: flagged.paymentId }, { token: admin.token }))).toEqual(['INVALID_TRANSITION']);
});

it('refunds the held payment in full when an admin refunds it, and never confirms the booking', async () => {
  const flagged = await aFlaggedPayment();
  const r = await t.gql(REFUND, { id: flagged.paymentId, reason: 'Card reported stolen' }, { token: admin.token });
  expect(r.data?.refundPayment).toEqual({ status: 'PROCESSING', amount: { amount: 120_000 } });
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, flagged.customer.token, flagged.bookingId);
  expect(after.payment.status).toBe('REFUNDED');
  expect(after.status).toBe('PENDING_PAYMENT');
  expect(codes(await t.gql(CONFIRM, { id: flagged.paymentId }, { token: admin.token }))).toEqual(['INVALID_TRANSITION']);
});

it('refunds a confirmed-after-review payment whose slot was taken while it waited', async () => {
  const flagged = await aFlaggedPayment();
  await holdExpiredAndSlotTaken(t, shop, flagged);
  await t.gql(CONFIRM, { id: flagged.paymentId }, { token: admin.token });
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, flagged.customer.token, flagged.bookingId);
  expect(after.status).toBe('EXPIRED');
  expect(after.payment.status).toBe('REFUNDED');
});

it('still confirms a payment the gateway calls safe at once', async () => {
  const paid = await aConfirmedBooking(t, shop, 72);
  expect((await bookingState(t, paid.customer.token, paid.bookingId)).payment.status).toBe('PAID');
});
