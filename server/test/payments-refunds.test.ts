// Refunds: by the cancellation policy when a paid booking is cancelled, and by admins up to
// what remains; the refund query API is polled until the refund is final.
import { anOpenProvider, type Bookable } from './support/bookable';
import { anAdmin, type Account } from './support/accounts';
import { aConfirmedBooking, bookingState } from './support/payments';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
let admin: Account;
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t, { priceAmount: 200_000 });
  admin = await anAdmin(t);
});
afterAll(() => t.stop());

const CANCEL = `mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { id status cancellationReason } }`;
const REFUND = `mutation($id: ID!, $amount: Int, $reason: String!) { refundPayment(paymentId: $id, amount: $amount, reason: $reason) { id status amount { amount currency } reason } }`;

/** Lets the cancellation's refund be requested, then lets the gateway finish it. */
async function settleRefunds() {
  await t.app.infra.events.settle();
  await t.app.services.refunds.pollOpen();
}

it('refunds the whole price when the customer cancels well before the start', async () => {
  const booking = await aConfirmedBooking(t, shop, 72);
  const r = await t.gql(CANCEL, { id: booking.bookingId, reason: 'Plans changed' }, { token: booking.customer.token });
  expect(r.data?.cancelBooking.status).toBe('CANCELLED');
  await settleRefunds();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(after.payment.status).toBe('REFUNDED');
  expect(after.payment.refunds).toEqual([expect.objectContaining({ amount: { amount: 200_000 }, status: 'REFUNDED' })]);
  expect(after.payment.refunds[0].reason).toMatch(/Plans changed/);
  const note = await t.app.infra.prisma.notification.findFirst({
    where: { bookingId: booking.bookingId, type: 'PAYMENT_REFUNDED', userId: booking.customer.id },
  });
  expect(note?.body).toMatch(/2000\.00 BDT/);
});

it('refunds nothing when the customer cancels inside the full-refund window', async () => {
  const booking = await aConfirmedBooking(t, shop, 3);
  await t.gql(CANCEL, { id: booking.bookingId }, { token: booking.customer.token });
  await settleRefunds();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(after.status).toBe('CANCELLED');
  expect(after.payment.status).toBe('PAID');
  expect(after.payment.refunds).toEqual([]);
});

it('refunds in full when the provider cancels, however late', async () => {
  const booking = await aConfirmedBooking(t, shop, 3);
  await t.gql(CANCEL, { id: booking.bookingId, reason: 'Van broke down' }, { token: shop.provider.token });
  await settleRefunds();
  expect((await bookingState(t, booking.customer.token, booking.bookingId)).payment.status).toBe('REFUNDED');
});

it('lets an admin refund part, then the rest, and never more than was paid', async () => {
  const booking = await aConfirmedBooking(t, shop, 96);
  const part = await t.gql(REFUND, { id: booking.paymentId, amount: 50_000, reason: 'Goodwill' }, { token: admin.token });
  expect(part.data?.refundPayment).toMatchObject({ status: 'PROCESSING', amount: { amount: 50_000, currency: 'BDT' } });

  const tooMuch = await t.gql(REFUND, { id: booking.paymentId, amount: 150_001, reason: 'Oops' }, { token: admin.token });
  expect(codes(tooMuch)).toEqual(['BAD_USER_INPUT']);
  expect(tooMuch.errors![0]!.message).toMatch(/between 1 and 150000/);

  await t.app.services.refunds.pollOpen();
  expect((await bookingState(t, booking.customer.token, booking.bookingId)).payment.status).toBe('PARTIALLY_REFUNDED');

  const rest = await t.gql(REFUND, { id: booking.paymentId, reason: 'Remainder' }, { token: admin.token });
  expect(rest.data?.refundPayment.amount.amount).toBe(150_000);
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(after.payment.status).toBe('REFUNDED');
  expect(codes(await t.gql(REFUND, { id: booking.paymentId, amount: 1, reason: 'More' }, { token: admin.token }))).toEqual([
    'INVALID_TRANSITION',
  ]);
});

it('polls a slow refund until the gateway says it is done', async () => {
  const booking = await aConfirmedBooking(t, shop, 120);
  await t.gql(REFUND, { id: booking.paymentId, amount: 10_000, reason: 'slow bank' }, { token: admin.token });
  await t.app.services.refunds.pollOpen();
  let payment = (await bookingState(t, booking.customer.token, booking.bookingId)).payment;
  expect(payment.refunds[0].status).toBe('PROCESSING');
  expect(payment.status).toBe('REFUND_PENDING');
  await t.app.services.refunds.pollOpen();
  payment = (await bookingState(t, booking.customer.token, booking.bookingId)).payment;
  expect(payment.refunds[0].status).toBe('REFUNDED');
  expect(payment.status).toBe('PARTIALLY_REFUNDED');
});

it('refuses refunds to anyone but admins', async () => {
  const booking = await aConfirmedBooking(t, shop, 144);
  for (const who of [booking.customer, shop.provider]) {
    expect(codes(await t.gql(REFUND, { id: booking.paymentId, amount: 100, reason: 'Me' }, { token: who.token }))).toEqual(['FORBIDDEN']);
  }
  expect(await t.app.infra.prisma.refund.count({ where: { paymentId: booking.paymentId } })).toBe(0);
});

it('refunds a cancellation whose event was lost, once, even when the handler and the safety net race', async () => {
  const booking = await aConfirmedBooking(t, shop, 168);
  // A cancellation committed, then the process died before its event handler ran.
  await t.app.infra.prisma.booking.update({
    where: { id: booking.bookingId },
    data: { status: 'CANCELLED', refundDueAmount: 200_000, cancellationReason: 'Crashed right after' },
  });
  const { refunds, refundSafetyNet } = t.app.services;
  const since = new Date(Date.now() - 60_000);
  await Promise.all([
    refundSafetyNet.refundMissedCancellations(since),
    refunds.refundCancellation({ bookingId: booking.bookingId, refundDue: 200_000, reason: 'Crashed right after' }),
    refundSafetyNet.refundMissedCancellations(since),
  ]);
  await refunds.pollOpen();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(after.payment.refunds).toEqual([expect.objectContaining({ amount: { amount: 200_000 }, status: 'REFUNDED' })]);
  expect(after.payment.status).toBe('REFUNDED');
  await refundSafetyNet.refundMissedCancellations(since);
  expect(await t.app.infra.prisma.refund.count({ where: { paymentId: booking.paymentId } })).toBe(1);
});

it('refunds what remains when a booking is cancelled while an admin refund is still in progress', async () => {
  const booking = await aConfirmedBooking(t, shop, 192);
  await t.gql(REFUND, { id: booking.paymentId, amount: 50_000, reason: 'Goodwill' }, { token: admin.token });
  await t.gql(CANCEL, { id: booking.bookingId, reason: 'Provider ill' }, { token: shop.provider.token });
  await settleRefunds();
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(after.payment.refunds.map((r: { amount: { amount: number } }) => r.amount.amount)).toEqual([50_000, 150_000]);
  expect(after.payment.status).toBe('REFUNDED');
});
