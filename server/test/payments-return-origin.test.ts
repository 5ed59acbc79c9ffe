// The gateway's return sends the customer back to the origin they paid from: a customer on
// http://localhost:PORT (the app is at 127.0.0.1) must not land on another origin, signed out.
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { followReturn, pressOnPayPage, START } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let shop: Bookable;
beforeAll(async () => {
  t = await startTestApp({ env: { WEB_ORIGINS: 'https://app.homeser.example' } });
  shop = await anOpenProvider(t);
});
afterAll(() => t.stop());

/** startPayment as a browser on `apiBase` would send it, with its Origin header. */
async function startPaymentFrom(apiBase: string, origin: string, token: string, bookingId: string): Promise<string> {
  const res = await fetch(`${apiBase}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin },
    body: JSON.stringify({ query: START, variables: { id: bookingId } }),
  });
  const body = (await res.json()) as { data?: { startPayment: { redirectUrl: string } }; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.startPayment.redirectUrl;
}

it('sends a customer who paid from http://localhost back to http://localhost', async () => {
  const localhost = t.url.replace('127.0.0.1', 'localhost');
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const payPage = await startPaymentFrom(localhost, localhost, customer.token, bookingId);
  const spaPage = await followReturn(await pressOnPayPage(payPage, 'success'));
  expect(spaPage.origin).toBe(localhost);
  expect(spaPage.pathname).toBe(`/bookings/${bookingId}`);
});

it('sends a customer of an SPA listed in WEB_ORIGINS back to that SPA', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const payPage = await startPaymentFrom(t.url, 'https://app.homeser.example', customer.token, bookingId);
  const spaPage = await followReturn(await pressOnPayPage(payPage, 'fail'));
  expect(spaPage.origin).toBe('https://app.homeser.example');
});

it('never sends the customer to an origin that is not ours', async () => {
  const { customer, bookingId } = await aHeldBooking(t, shop);
  const payPage = await startPaymentFrom(t.url, 'https://evil.example', customer.token, bookingId);
  const spaPage = await followReturn(await pressOnPayPage(payPage, 'cancel'));
  expect(spaPage.origin).toBe('https://app.homeser.example'); // the configured SPA, as before
});
