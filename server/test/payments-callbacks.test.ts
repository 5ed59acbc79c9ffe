// Forged, broken and repeated gateway callbacks change nothing; only a signed IPN that the
// gateway's validation API vouches for (our tran_id, amount and currency) settles a payment.
import { SANDBOX_STORE } from '../src/infra/payments';
import { signIpnFields } from '../src/infra/payments/sandbox-signing';
import { anOpenProvider, aFreeStart, aHeldBooking, type Bookable } from './support/bookable';
import { aCustomer } from './support/accounts';
import { bookingState, pressOnPayPage, sandboxOf, signedIpnFor, startPayment } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
beforeAll(async () => {
  t = await startTestApp();
  shop = await anOpenProvider(t);
});
afterAll(() => t.stop());

const postIpn = async (fields: Record<string, string>) => {
  const res = await fetch(`${t.url}/payments/sslcommerz/ipn`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
};

/** The signed IPN the sandbox would send for a transaction, after the customer paid. */
const ipnFor = (tranId: string, overrides: Record<string, string> = {}) => signedIpnFor(t, tranId, overrides);

async function paidAtGatewayWithoutIpn() {
  const held = await aHeldBooking(t, shop);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  sandboxOf(t).dropNextIpn();
  await pressOnPayPage(session.redirectUrl, 'success');
  return { ...held, tranId: session.payment.transactionId };
}

const paymentOf = (tranId: string) => t.app.infra.prisma.payment.findUniqueOrThrow({ where: { tranId } });

it('rejects an IPN whose verify_sign does not match', async () => {
  const { tranId, bookingId, customer } = await paidAtGatewayWithoutIpn();
  const forged = { ...(await ipnFor(tranId)), amount: '1.00' };
  expect(await postIpn(forged)).toMatchObject({ status: 400, body: { status: 'rejected' } });
  expect((await paymentOf(tranId)).status).toBe('INITIATED');
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('PENDING_PAYMENT');
});

it('rejects a signed IPN for an unknown tran_id', async () => {
  const { tranId } = await paidAtGatewayWithoutIpn();
  const r = await postIpn(
    signIpnFields({ ...(await ipnFor(tranId)), tran_id: 'HS-NOT-OURS', verify_sign: '', verify_key: '' }, SANDBOX_STORE.storePassword),
  );
  expect(r.status).toBe(400);
  expect(r.body.reason).toMatch(/unknown tran_id/);
});

it('rejects a payment the validation API answers INVALID_TRANSACTION for', async () => {
  const { tranId, bookingId, customer } = await paidAtGatewayWithoutIpn();
  sandboxOf(t).answerValidationWith(tranId, 'INVALID_TRANSACTION');
  expect((await postIpn(await ipnFor(tranId))).status).toBe(400);
  expect((await paymentOf(tranId)).status).toBe('INITIATED');
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('PENDING_PAYMENT');
});

it.each([
  ['amount', { amount: 1 }],
  ['currency', { currency: 'USD' }],
])('rejects a payment whose validated %s differs from ours', async (_what, change) => {
  const { tranId, bookingId, customer } = await paidAtGatewayWithoutIpn();
  const ours = await paymentOf(tranId);
  // Our record says something other than what the gateway charged.
  await t.app.infra.prisma.payment.update({
    where: { tranId },
    data: 'amount' in change ? { amount: ours.amount + change.amount } : { currency: change.currency },
  });
  const r = await postIpn(await ipnFor(tranId));
  expect(r.status).toBe(400);
  expect(r.body.reason).toMatch(/differs/);
  expect((await paymentOf(tranId)).status).toBe('INITIATED');
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('PENDING_PAYMENT');
});

it('answers a replayed IPN with 200 and changes nothing', async () => {
  const { tranId, bookingId, customer } = await paidAtGatewayWithoutIpn();
  expect((await postIpn(await ipnFor(tranId))).status).toBe(200);
  const paid = await paymentOf(tranId);
  expect(paid.status).toBe('PAID');
  const notes = await t.app.infra.prisma.notification.count({ where: { bookingId } });

  expect(await postIpn(await ipnFor(tranId))).toMatchObject({ status: 200, body: { status: 'ok' } });
  const again = await paymentOf(tranId);
  expect(again.paidAt).toEqual(paid.paidAt);
  expect(again.updatedAt).toEqual(paid.updatedAt);
  expect(await t.app.infra.prisma.notification.count({ where: { bookingId } })).toBe(notes);
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('CONFIRMED');
});

it('does not trust the browser return route: a forged success without a real payment changes nothing', async () => {
  const held = await aHeldBooking(t, shop);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  const res = await fetch(`${t.url}/payments/sslcommerz/success?tran_id=${session.payment.transactionId}&val_id=FORGED`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  expect((await paymentOf(session.payment.transactionId)).status).toBe('INITIATED');
  expect((await bookingState(t, held.customer.token, held.bookingId)).status).toBe('PENDING_PAYMENT');
});

describe('a payment that arrives after the hold expired', () => {
  async function expiredAfterPaying() {
    const held = await paidAtGatewayWithoutIpn();
    await t.app.infra.prisma.booking.update({ where: { id: held.bookingId }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    await t.app.services.bookings.expireOverdue();
    expect((await bookingState(t, held.customer.token, held.bookingId)).status).toBe('EXPIRED');
    return held;
  }

  it('is refunded at once when someone else took the slot', async () => {
    const late = await expiredAfterPaying();
    const rival = await aCustomer(t);
    const taken = await t.gql(
      `mutation($i: BookingInput!) { requestBooking(input: $i) { id } }`,
      { i: { serviceId: shop.serviceId, startsAt: late.startsAt } },
      { token: rival.token },
    );
    expect(taken.data).toBeTruthy();

    expect((await postIpn(await ipnFor(late.tranId))).status).toBe(200);
    const booking = await bookingState(t, late.customer.token, late.bookingId);
    expect(booking.status).toBe('EXPIRED');
    expect(booking.payment.status).toBe('REFUND_PENDING');
    expect(booking.payment.refunds).toEqual([expect.objectContaining({ amount: { amount: shop.priceAmount }, status: 'PROCESSING' })]);

    await t.app.services.refunds.pollOpen();
    const after = await bookingState(t, late.customer.token, late.bookingId);
    expect(after.payment.status).toBe('REFUNDED');
    expect(after.payment.refunds[0].status).toBe('REFUNDED');
  });

  it('is confirmed when the slot is still free', async () => {
    const late = await expiredAfterPaying();
    expect((await postIpn(await ipnFor(late.tranId))).status).toBe(200);
    expect((await bookingState(t, late.customer.token, late.bookingId)).status).toBe('CONFIRMED');
  });
});

it('keeps aFreeStart honest', async () => {
  expect(Date.parse(await aFreeStart(t, shop.serviceId, 30))).toBeGreaterThan(Date.now());
});
