// What the logs of a whole customer journey (sign in, book, pay) say, and what they never say.
import { PassThrough } from 'node:stream';
import { createLogger } from '../src/infra/logger';
import { aCustomer, PASSWORD } from './support/accounts';
import { aFreeStart, anOpenProvider } from './support/bookable';
import { bookingState, pressOnPayPage, startPayment } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let logText = '';
beforeAll(async () => {
  const lines = new PassThrough();
  lines.on('data', (chunk: Buffer) => void (logText += chunk.toString()));
  t = await startTestApp({ log: createLogger('trace', { format: 'json', destination: lines }) });
});
afterAll(() => t.stop());

const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const BOOK = `mutation Book($input: BookingInput!) { requestBooking(input: $input) { id status } }`;

it('logs each request with its operation, status, duration and request id, and no secret of the journey', async () => {
  const shop = await anOpenProvider(t, { instantBooking: true });
  const customer = await aCustomer(t);
  const signIn = await t.gql(SIGN_IN, { email: customer.email, password: PASSWORD });
  const { accessToken, refreshToken } = signIn.data!.login;
  const refreshed = (await t.gql(REFRESH, { token: refreshToken })).data!.refreshSession;
  const startsAt = await aFreeStart(t, shop.serviceId, 48);
  const booked = await t.gql(BOOK, { input: { serviceId: shop.serviceId, startsAt } }, { token: refreshed.accessToken });
  const bookingId = booked.data!.requestBooking.id as string;
  const payment = await startPayment(t, refreshed.accessToken, bookingId);
  await pressOnPayPage(payment.redirectUrl, 'success');
  expect((await bookingState(t, refreshed.accessToken, bookingId)).status).toBe('CONFIRMED');
  await t.app.stop(); // flushes what the background jobs were writing

  const entries = logText
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const signInLine = entries.find((e) => e.msg === 'request' && e.operationName === 'SignIn');
  expect(signInLine).toMatchObject({ method: 'POST', path: '/graphql', operationType: 'mutation', status: 200 });
  expect(typeof signInLine?.ms).toBe('number');
  expect(signInLine?.requestId).toMatch(/^[\w-]{8,}$/);
  expect(entries.find((e) => e.operationName === 'Book')).toMatchObject({ operationType: 'mutation', status: 200 });
  expect(entries.some((e) => e.path === '/payments/sslcommerz/ipn')).toBe(true);

  const secrets = {
    password: PASSWORD,
    accessToken,
    refreshToken,
    refreshedAccessToken: refreshed.accessToken,
    refreshedRefreshToken: refreshed.refreshToken,
    registrationToken: customer.token,
    providerToken: shop.provider.token,
    card: '418117XXXXXX6675', // the sandbox's masked card number, sent in the IPN
  };
  const leaked = Object.entries(secrets).filter(([, secret]) => logText.includes(secret));
  expect(leaked.map(([name]) => name)).toEqual([]);
});
