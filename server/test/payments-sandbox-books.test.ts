// The built-in sandbox keeps its books in the database: the demo's seeded payments can be
// refunded, a restart forgets nothing, and two instances on one database agree.
import pino from 'pino';
import { Writable } from 'node:stream';
import { seedDemoData } from '../src/seed/demo-data';
import { anAdmin, type Account } from './support/accounts';
import { anOpenProvider, aHeldBooking, type Bookable } from './support/bookable';
import { aConfirmedBooking, bookingState, startPayment } from './support/payments';
import { startTestApp, type TestApp } from './support/test-app';

const REFUND = `mutation($id: ID!, $reason: String!) { refundPayment(paymentId: $id, reason: $reason) { id status } }`;
const ME = `query { me { id } }`;

describe('on the embedded default with demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    await seedDemoData(t.app.infra.prisma);
  });
  afterAll(() => t.stop());

  it('refunds a seeded payment', async () => {
    const admin = await anAdmin(t);
    const seeded = await t.app.infra.prisma.payment.findFirstOrThrow({ where: { status: 'PAID', tranId: { startsWith: 'HS-SEED-' } } });
    const r = await t.gql(REFUND, { id: seeded.id, reason: 'Demo refund' }, { token: admin.token });
    expect(r.data?.refundPayment.status).toBe('PROCESSING');
    await t.app.services.refunds.pollOpen();
    const after = await t.app.infra.prisma.payment.findUniqueOrThrow({ where: { id: seeded.id }, include: { refunds: true } });
    expect(after.status).toBe('REFUNDED');
    expect(after.refunds).toEqual([expect.objectContaining({ amount: seeded.amount, status: 'REFUNDED', failureReason: null })]);
  });
});

describe('two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let shop: Bookable;
  let admin: Account;
  beforeAll(async () => {
    a = await startTestApp();
    const { database, redis, jwtSecret } = a.app.infra.config;
    b = await startTestApp({ env: { DATABASE_URL: database.url!, REDIS_PREFIX: redis.prefix, JWT_SECRET: jwtSecret } });
    shop = await anOpenProvider(a, { priceAmount: 90_000 });
    admin = await anAdmin(a);
  });
  afterAll(async () => {
    await b.stop();
    await a.stop(); // drops the shared database last
  });

  it('accept each other’s tokens', async () => {
    expect((await b.gql(ME, {}, { token: admin.token })).data?.me.id).toBe(admin.id);
  });

  it('agree on a session: paid through one, it cannot be paid again through the other', async () => {
    const held = await aHeldBooking(a, shop);
    const session = await startPayment(a, held.customer.token, held.bookingId);
    const onB = session.redirectUrl.replace(a.url, b.url);
    const press = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome: 'success' }).toString(),
        redirect: 'manual',
      });
    const [first, second] = [await press(onB), await press(session.redirectUrl)];
    expect([first.status, second.status]).toEqual([303, 409]);
    expect((await bookingState(a, held.customer.token, held.bookingId)).status).toBe('CONFIRMED');
  });

  it('refund a payment the other instance took, after that instance stopped', async () => {
    const paid = await aConfirmedBooking(a, shop, 96);
    await a.app.stop(); // a restart: only the database remembers the sandbox's transaction
    const r = await b.gql(REFUND, { id: paid.paymentId, reason: 'After restart' }, { token: admin.token });
    expect(r.data?.refundPayment.status).toBe('PROCESSING');
    await b.app.services.refunds.pollOpen();
    expect((await bookingState(b, paid.customer.token, paid.bookingId)).payment.status).toBe('REFUNDED');
  });
});

it('says SANDBOX loudly, in the log and on the pay page, when production runs the built-in sandbox on purpose', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) });
  const t = await startTestApp({ env: { NODE_ENV: 'production', PAYMENTS_SANDBOX: 'builtin' }, log: pino({ level: 'warn' }, sink) });
  try {
    expect(lines.join('')).toMatch(/BUILT-IN SANDBOX; no real money moves/);
    const shop = await anOpenProvider(t);
    const held = await aHeldBooking(t, shop);
    const page = await (await fetch((await startPayment(t, held.customer.token, held.bookingId)).redirectUrl)).text();
    expect(page).toMatch(/SANDBOX — NOT A REAL PAYMENT/);
  } finally {
    await t.stop();
  }
});
