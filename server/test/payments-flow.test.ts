// The whole payment flow through the real sslcommerz-lts package against the built-in
// sandbox: request → start → pay → IPN → validation → CONFIRMED, and the unhappy paths.
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { bookingState, followReturn, pressOnPayPage, sandboxOf, START, startPayment } from './support/payments';
import { codes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
beforeAll(async () => {
  t = await startTestApp({ env: { SSLCOMMERZ_TIMEOUT_MS: '1000' } });
  shop = await anOpenProvider(t);
});
afterAll(() => t.stop());
afterEach(() => {
  sandboxOf(t).setDown(false);
  sandboxOf(t).setDelayMs(0);
});

it('confirms the booking once the customer pays and the gateway validates it', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const session = await startPayment(t, customer.token, bookingId);
  expect(session.payment).toMatchObject({ status: 'INITIATED', amount: { amount: shop.priceAmount, currency: 'BDT' } });
  expect(session.redirectUrl).toContain('/dev/sslcommerz/pay/');

  const location = await pressOnPayPage(session.redirectUrl, 'success');
  const spaPage = await followReturn(location);
  expect(spaPage.pathname).toBe(`/bookings/${bookingId}`);
  expect(spaPage.searchParams.get('payment')).toBe('success');

  const booking = await bookingState(t, customer.token, bookingId);
  expect(booking.status).toBe('CONFIRMED');
  expect(booking.payment).toMatchObject({ status: 'PAID', method: 'VISA-Dutch Bangla', transactionId: session.payment.transactionId });
  expect(booking.payment.paidAt).toBeTruthy();
  const notes = await t.app.infra.prisma.notification.findMany({ where: { bookingId, type: 'PAYMENT_SUCCEEDED' } });
  expect(notes.map((n) => n.userId).sort()).toEqual([customer.id, shop.provider.id].sort());
});

it('reuses the open payment when the customer presses Pay twice', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const [a, b] = await Promise.all([
    t.gql(START, { id: bookingId }, { token: customer.token }),
    t.gql(START, { id: bookingId }, { token: customer.token }),
  ]);
  const ok = [a, b].filter((r) => r.data);
  // Either both got the same session, or the loser was told to retry while the first opened it.
  for (const r of [a, b].filter((r) => !r.data)) expect(codes(r)).toEqual(['CONFLICT']);
  const again = await startPayment(t, customer.token, bookingId);
  for (const r of ok) expect(r.data!.startPayment.payment.transactionId).toBe(again.payment.transactionId);
  expect(await t.app.infra.prisma.payment.count({ where: { bookingId } })).toBe(1);
});

it.each(['fail', 'cancel'] as const)('leaves the booking held when the customer presses %s, and lets them try again', async (outcome) => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const first = await startPayment(t, customer.token, bookingId);
  const spaPage = await followReturn(await pressOnPayPage(first.redirectUrl, outcome));
  expect(spaPage.searchParams.get('payment')).toBe(outcome);

  const booking = await bookingState(t, customer.token, bookingId);
  expect(booking.status).toBe('PENDING_PAYMENT');
  const payment = await t.app.infra.prisma.payment.findUniqueOrThrow({ where: { tranId: first.payment.transactionId } });
  expect(payment.status).toBe(outcome === 'fail' ? 'FAILED' : 'CANCELLED');

  const second = await startPayment(t, customer.token, bookingId);
  expect(second.payment.transactionId).not.toBe(first.payment.transactionId);
  await pressOnPayPage(second.redirectUrl, 'success');
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('CONFIRMED');
});

it('answers PAYMENT_FAILED and writes nothing when the gateway is down', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  sandboxOf(t).setDown(true);
  const r = await t.gql(START, { id: bookingId }, { token: customer.token });
  expect(codes(r)).toEqual(['PAYMENT_FAILED']);
  expect(r.errors![0]!.message).toMatch(/not answering|try again/i);
  expect(await t.app.infra.prisma.payment.count({ where: { bookingId } })).toBe(0);
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('PENDING_PAYMENT');
});

it('answers PAYMENT_FAILED when the gateway answers after the timeout', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  sandboxOf(t).setDelayMs(1500);
  const started = Date.now();
  const r = await t.gql(START, { id: bookingId }, { token: customer.token });
  expect(codes(r)).toEqual(['PAYMENT_FAILED']);
  expect(Date.now() - started).toBeLessThan(1400);
  expect(await t.app.infra.prisma.payment.count({ where: { bookingId } })).toBe(0);
});

it('refuses to start a payment for someone else’s booking or one not awaiting payment', async () => {
  const { bookingId } = await aHeldBooking(t, shop);
  const other = await aHeldBooking(t, shop);
  expect(codes(await t.gql(START, { id: bookingId }, { token: other.customer.token }))).toEqual(['FORBIDDEN']);
  const session = await startPayment(t, other.customer.token, other.bookingId);
  await pressOnPayPage(session.redirectUrl, 'success');
  expect(codes(await t.gql(START, { id: other.bookingId }, { token: other.customer.token }))).toEqual(['INVALID_TRANSITION']);
});

it('settles a payment whose IPN was lost when reconciliation asks the gateway', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const session = await startPayment(t, customer.token, bookingId);
  sandboxOf(t).dropNextIpn();
  // The browser never comes back either: only the gateway knows it was paid.
  await pressOnPayPage(session.redirectUrl, 'success');
  expect((await bookingState(t, customer.token, bookingId)).status).toBe('PENDING_PAYMENT');

  const later = new Date(Date.now() + 11 * 60_000);
  expect(await t.app.services.reconciliation.run(later)).toBeGreaterThanOrEqual(1);
  const booking = await bookingState(t, customer.token, bookingId);
  expect(booking.status).toBe('CONFIRMED');
  expect(booking.payment.status).toBe('PAID');
});
