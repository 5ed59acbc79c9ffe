// A payment never revives a booking a person ended, a cancelled booking cannot be paid, and
// a crash between "payment PAID" and "refund requested" does not strand the money.
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import {
  aConfirmedBooking,
  bookingState,
  holdExpiredAndSlotTaken,
  pressOnPayPage,
  sandboxOf,
  signedIpnFor,
  START,
  startPayment,
} from './support/payments';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t, { priceAmount: 150_000 });
});
afterAll(() => t.stop());
afterEach(() => jest.restoreAllMocks());

const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id status } }`;
const prisma = () => t.app.infra.prisma;

/** The customer paid at the gateway, but its IPN has not reached us yet. */
async function paidAtGatewayWithoutIpn() {
  const held = await aHeldBooking(t, shop);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  sandboxOf(t).dropNextIpn();
  await pressOnPayPage(session.redirectUrl, 'success');
  const ipn = await signedIpnFor(t, session.payment.transactionId);
  return { ...held, session, ipn, paymentId: session.payment.id };
}

const postIpn = async (fields: Record<string, string>) => {
  const res = await fetch(`${t.url}/payments/sslcommerz/ipn`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  await res.arrayBuffer();
  return res.status;
};

describe('a payment that arrives after a person ended the booking', () => {
  it('leaves a cancelled booking cancelled and refunds the payment in full, telling both sides', async () => {
    const late = await paidAtGatewayWithoutIpn();
    expect((await t.gql(CANCEL, { id: late.bookingId }, { token: late.customer.token })).data?.cancelBooking.status).toBe('CANCELLED');

    expect(await postIpn(late.ipn)).toBe(200);
    await t.app.services.refunds.pollOpen();
    const after = await bookingState(t, late.customer.token, late.bookingId);
    expect(after.status).toBe('CANCELLED');
    expect(after.payment.status).toBe('REFUNDED');
    expect(after.payment.refunds).toEqual([expect.objectContaining({ amount: { amount: 150_000 }, status: 'REFUNDED' })]);
    const told = await prisma().notification.findMany({ where: { bookingId: late.bookingId, type: 'PAYMENT_REFUNDED' } });
    expect(new Set(told.map((n) => n.userId))).toEqual(new Set([late.customer.id, shop.provider.id]));
    expect(told.find((n) => n.userId === late.customer.id)?.body).toMatch(/cancelled/);
  });

  it('leaves a rejected booking rejected and refunds the payment in full', async () => {
    const late = await paidAtGatewayWithoutIpn();
    await prisma().booking.update({ where: { id: late.bookingId }, data: { status: 'REJECTED', holdExpiresAt: null } });

    expect(await postIpn(late.ipn)).toBe(200);
    await t.app.services.refunds.pollOpen();
    const after = await bookingState(t, late.customer.token, late.bookingId);
    expect(after.status).toBe('REJECTED');
    expect(after.payment.status).toBe('REFUNDED');
  });

  it('still lets a hold that merely expired re-take its free slot', async () => {
    const late = await paidAtGatewayWithoutIpn();
    await prisma().booking.update({ where: { id: late.bookingId }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    await t.app.services.bookings.expireOverdue();
    expect(await postIpn(late.ipn)).toBe(200);
    expect((await bookingState(t, late.customer.token, late.bookingId)).status).toBe('CONFIRMED');
  });
});

it('closes the payment session when the booking is cancelled', async () => {
  const held = await aHeldBooking(t, shop);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  await t.gql(CANCEL, { id: held.bookingId }, { token: held.customer.token });
  await t.app.infra.events.settle();

  expect(codes(await t.gql(START, { id: held.bookingId }, { token: held.customer.token }))).toEqual(['INVALID_TRANSITION']);
  const page = await fetch(session.redirectUrl);
  expect(await page.text()).toMatch(/session is closed/i);
  const press = await fetch(session.redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome: 'success' }).toString(),
    redirect: 'manual',
  });
  expect(press.status).toBe(409);
  expect(await press.text()).toMatch(/closed/i);
  const after = await bookingState(t, held.customer.token, held.bookingId);
  expect(after.status).toBe('CANCELLED');
  expect(after.payment?.status ?? 'CANCELLED').toBe('CANCELLED');
});

describe('a crash between "payment PAID" and "refund requested"', () => {
  it('is repaired by the stranded-payments job, which refunds in full once', async () => {
    const late = await paidAtGatewayWithoutIpn();
    await holdExpiredAndSlotTaken(t, shop, late);

    // The step after the payment's commit dies.
    jest.spyOn(t.app.services.refunds, 'request').mockRejectedValueOnce(new Error('process killed'));
    expect(await postIpn(late.ipn)).toBe(500);
    expect(await postIpn(late.ipn)).toBe(200); // the gateway's retry finds it settled
    expect(await prisma().refund.count({ where: { paymentId: late.paymentId } })).toBe(0);
    expect((await prisma().payment.findUniqueOrThrow({ where: { id: late.paymentId } })).status).toBe('PAID');

    // Payments that must be left alone: a confirmed booking and a late cancellation (no refund due).
    const kept = await aConfirmedBooking(t, shop, 24 * 9);
    const lateCancel = await aConfirmedBooking(t, shop, 3);
    await t.gql(CANCEL, { id: lateCancel.bookingId }, { token: lateCancel.customer.token });
    await t.app.infra.events.settle();

    const { refundSafetyNet } = t.app.services;
    await Promise.all([refundSafetyNet.refundStrandedPayments(), refundSafetyNet.refundStrandedPayments()]);
    await t.app.services.refunds.pollOpen();
    const after = await bookingState(t, late.customer.token, late.bookingId);
    expect(after.status).toBe('EXPIRED');
    expect(after.payment.status).toBe('REFUNDED');
    expect(after.payment.refunds).toEqual([expect.objectContaining({ amount: { amount: 150_000 }, status: 'REFUNDED' })]);
    for (const untouched of [kept, lateCancel]) {
      expect(await prisma().refund.count({ where: { paymentId: untouched.paymentId } })).toBe(0);
      expect((await bookingState(t, untouched.customer.token, untouched.bookingId)).payment.status).toBe('PAID');
    }
  });
});
