// Driving the built-in SSLCommerz sandbox like a customer's browser would.
import { SANDBOX_STORE } from '../../src/infra/payments';
import { signIpnFields } from '../../src/infra/payments/sandbox-signing';
import { aCustomer } from './accounts';
import { aHeldBooking, type Bookable } from './bookable';
import type { TestApp } from './test-app';

export const START = `mutation($id: ID!) { startPayment(bookingId: $id) { redirectUrl payment { id transactionId status amount { amount currency } } } }`;
export const BOOKING = `query($id: ID!) { booking(id: $id) { id status payment { id status method paidAt transactionId refunds { amount { amount } status reason } } } }`;

export const sandboxOf = (t: TestApp) => {
  const controls = t.app.services.paymentGateway.sandbox;
  if (!controls) throw new Error('the built-in sandbox is not mounted');
  return controls;
};

/** Presses Pay, Fail or Cancel on the sandbox's pay page; returns where the browser is sent. */
export async function pressOnPayPage(redirectUrl: string, outcome: 'success' | 'fail' | 'cancel'): Promise<string> {
  const res = await fetch(redirectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`pay page answered ${res.status}`);
  return res.headers.get('location')!;
}

/** Follows the gateway's redirect to our return route; returns the SPA page it sends the customer to. */
export async function followReturn(location: string): Promise<URL> {
  const res = await fetch(location, { redirect: 'manual' });
  await res.arrayBuffer();
  return new URL(res.headers.get('location')!);
}

export async function startPayment(t: TestApp, token: string, bookingId: string) {
  const r = await t.gql(START, { id: bookingId }, { token });
  if (!r.data) throw new Error(`startPayment failed: ${JSON.stringify(r.errors)}`);
  return r.data.startPayment as { redirectUrl: string; payment: { id: string; transactionId: string; status: string } };
}

export async function bookingState(t: TestApp, token: string, id: string) {
  const r = await t.gql(BOOKING, { id }, { token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.booking;
}

/** A booking the customer has paid for: CONFIRMED with a PAID payment. */
export async function aConfirmedBooking(t: TestApp, b: Bookable, fromHours = 48) {
  const held = await aHeldBooking(t, b, fromHours);
  const session = await startPayment(t, held.customer.token, held.bookingId);
  await pressOnPayPage(session.redirectUrl, 'success');
  return { ...held, paymentId: session.payment.id, tranId: session.payment.transactionId };
}

/** The signed IPN the sandbox sends for a transaction the customer paid (`overrides` change fields before signing). */
export async function signedIpnFor(t: TestApp, tranId: string, overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const tx = (await sandboxOf(t).transactions()).find((x) => x.tranId === tranId);
  if (!tx) throw new Error(`the sandbox has no transaction ${tranId}`);
  const fields: Record<string, string> = {
    tran_id: tx.tranId,
    val_id: tx.valId ?? '',
    amount: (tx.amount / 100).toFixed(2),
    currency: tx.currency,
    status: 'VALID',
    bank_tran_id: tx.bankTranId ?? '',
    store_id: SANDBOX_STORE.storeId,
    ...overrides,
  };
  return signIpnFields(fields, SANDBOX_STORE.storePassword);
}

/** The hold ran out and another customer booked the same start. */
export async function holdExpiredAndSlotTaken(t: TestApp, b: Bookable, held: { bookingId: string; startsAt: string }) {
  await t.app.infra.prisma.booking.update({ where: { id: held.bookingId }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
  await t.app.services.bookings.expireOverdue();
  const rival = await aCustomer(t);
  const taken = await t.gql(
    `mutation($i: BookingInput!) { requestBooking(input: $i) { id } }`,
    { i: { serviceId: b.serviceId, startsAt: held.startsAt } },
    { token: rival.token },
  );
  if (!taken.data) throw new Error(`the rival could not book: ${JSON.stringify(taken.errors)}`);
}
