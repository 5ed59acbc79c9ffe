// A cancellation's refund is decided by the cancellation's own record, not by the free text
// of other refunds, and the safety net under the 'booking.cancelled' event finds every paid
// cancellation whose due refund is not fully issued, however many were cancelled before it.
import { randomBytes, randomUUID } from 'node:crypto';
import { anAdmin, aCustomer, type Account } from './support/accounts';
import { anOpenProvider, type Bookable } from './support/bookable';
import { aConfirmedBooking, bookingState } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
let admin: Account;
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t, { priceAmount: 200_000 });
  admin = await anAdmin(t);
});
afterAll(() => t.stop());

const CANCEL = `mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { id status } }`;
const REFUND = `mutation($id: ID!, $amount: Int, $reason: String!) { refundPayment(paymentId: $id, amount: $amount, reason: $reason) { id status } }`;
const amounts = (refunds: { amount: { amount: number } }[]) => refunds.map((r) => r.amount.amount);

/** A cancellation that committed while the process died before its event handler ran. */
const cancelledWithLostEvent = (bookingId: string, refundDueAmount = 200_000) =>
  t.app.infra.prisma.booking.update({
    where: { id: bookingId },
    data: { status: 'CANCELLED', cancelledBy: 'CUSTOMER', refundDueAmount, cancellationReason: 'Crashed right after' },
  });

const runSafetyNet = () => t.app.services.refundSafetyNet.refundMissedCancellations(new Date(Date.now() - 3_600_000));

it('refunds a cancellation even after an admin refund whose reason starts with "Cancellation"', async () => {
  const booking = await aConfirmedBooking(t, shop, 72);
  await t.gql(REFUND, { id: booking.paymentId, amount: 100, reason: 'Cancellation fee waived' }, { token: admin.token });
  await t.app.services.refunds.pollOpen();

  const r = await t.gql(CANCEL, { id: booking.bookingId, reason: 'Plans changed' }, { token: booking.customer.token });
  expect(r.data?.cancelBooking.status).toBe('CANCELLED');
  await t.app.infra.events.settle();
  await t.app.services.refunds.pollOpen();

  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(amounts(after.payment.refunds)).toEqual([100, 199_900]);
  expect(after.payment.status).toBe('REFUNDED');
});

it('issues the rest of a lost cancellation refund when the payment already had a refund of another kind', async () => {
  const booking = await aConfirmedBooking(t, shop, 96);
  await t.gql(REFUND, { id: booking.paymentId, amount: 5_000, reason: 'Goodwill' }, { token: admin.token });
  await t.app.services.refunds.pollOpen();
  await cancelledWithLostEvent(booking.bookingId);

  await runSafetyNet();
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, booking.customer.token, booking.bookingId);
  expect(amounts(after.payment.refunds)).toEqual([5_000, 195_000]);
  expect(after.payment.status).toBe('REFUNDED');

  await runSafetyNet();
  expect(await t.app.infra.prisma.refund.count({ where: { paymentId: booking.paymentId } })).toBe(2);
});

it('finds a lost cancellation refund behind hundreds of cancellations that were refunded already', async () => {
  const customer = await aCustomer(t);
  const older = new Date(Date.now() - 30 * 60_000);
  const handled = Array.from({ length: 250 }, (_, i) => {
    const startsAt = new Date(Date.now() + (200 + i) * 3_600_000);
    return {
      id: randomUUID(),
      serviceId: shop.serviceId,
      providerId: shop.providerId,
      customerId: customer.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      blockedUntil: new Date(startsAt.getTime() + 3_600_000),
      status: 'CANCELLED' as const,
      priceAmount: 200_000,
      refundDueAmount: 200_000,
      updatedAt: older,
    };
  });
  const prisma = t.app.infra.prisma;
  await prisma.booking.createMany({ data: handled });
  const payments = handled.map((b) => ({
    id: randomUUID(),
    bookingId: b.id,
    tranId: `HS-OLD-${randomBytes(6).toString('hex')}`,
    amount: 200_000,
    status: 'REFUNDED' as const,
    refundedAmount: 200_000,
    bankTranId: `OLDBANK${randomBytes(4).toString('hex')}`,
  }));
  await prisma.payment.createMany({ data: payments });
  await prisma.refund.createMany({
    data: payments.map((p) => ({ paymentId: p.id, amount: 200_000, status: 'REFUNDED' as const, reason: 'Cancellation: old' })),
  });

  const missed = await aConfirmedBooking(t, shop, 120);
  await cancelledWithLostEvent(missed.bookingId);
  await runSafetyNet();
  await t.app.services.refunds.pollOpen();
  const after = await bookingState(t, missed.customer.token, missed.bookingId);
  expect(amounts(after.payment.refunds)).toEqual([200_000]);
  expect(after.payment.status).toBe('REFUNDED');
});
