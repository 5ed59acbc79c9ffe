// The SSLCommerz adapter, through the real sslcommerz-lts package, against the built-in
// sandbox on an ephemeral port. The sandbox signs IPNs with its own code, so a passing
// signature check here means the adapter agrees with an independent reading of the docs.
import express from 'express';
import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentGateway, SessionInput } from '../src/infra/payments/payment-gateway';
import { createSslcommerzGateway, toMajorString, toMinorUnits } from '../src/infra/payments/sslcommerz-gateway';
import { createSslcommerzSandbox, type SandboxControls } from '../src/infra/payments/sslcommerz-sandbox';
import { openPostgres } from '../src/infra/database/postgres';
import type { Database } from '../src/infra/database';
import { createLogger } from '../src/infra/logger';
import { createTestDatabase } from './support/databases';

// '@', '&' and '#' break a URL built without encoding, as sslcommerz-lts builds them.
const STORE = { storeId: 'homeser-test', storePassword: 'p@ss&word#1' };
const MOUNT = '/dev/sslcommerz';

// Set up in beforeAll: the sandbox needs the port the server got.
let server: http.Server, origin: string, controls: SandboxControls, gateway: PaymentGateway;
// The sandbox keeps its books in a database of its own.
let database: { url: string; drop: () => Promise<void> }, db: Database;
const ipns: Record<string, string>[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let counter = 0;
const newTranId = () => `T${Date.now()}${++counter}`;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const app = express();
  app.post('/ipn', express.urlencoded({ extended: false }), (req, res) => {
    ipns.push(req.body as Record<string, string>);
    res.sendStatus(200);
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  db = await openPostgres(database.url, 4, createLogger('silent'));
  const sandbox = createSslcommerzSandbox({ ...STORE, publicUrl: origin, mountPath: MOUNT, prisma: db.prisma });
  app.use(MOUNT, sandbox.router);
  controls = sandbox.controls;
  gateway = aGateway();
});

afterEach(() => {
  controls.setDown(false);
  controls.setDelayMs(0);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
  await database.drop();
});

function aGateway(overrides: Partial<Parameters<typeof createSslcommerzGateway>[0]> = {}): PaymentGateway {
  return createSslcommerzGateway({ ...STORE, live: false, baseUrl: `${origin}${MOUNT}`, timeoutMs: 3000, ...overrides });
}

const sessionInput = (tranId: string, amount = 150000): SessionInput => ({
  tranId,
  amount,
  currency: 'BDT',
  productName: 'Deep cleaning <2 rooms> & balcony',
  customer: { name: 'Rahim Uddin', email: 'rahim@example.com', phone: null },
  urls: { success: `${origin}/back/success`, fail: `${origin}/back/fail`, cancel: `${origin}/back/cancel`, ipn: `${origin}/ipn` },
});

async function openSession(tranId: string, amount = 150000) {
  const result = await gateway.createSession(sessionInput(tranId, amount));
  if (!result.ok) throw new Error(`session failed: ${result.reason}`);
  return result.value;
}

/** Presses a button on the pay page; returns where the browser is sent next. */
async function press(redirectUrl: string, outcome: 'success' | 'fail' | 'cancel'): Promise<URL> {
  const res = await fetch(redirectUrl, { method: 'POST', body: new URLSearchParams({ outcome }), redirect: 'manual' });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location') ?? '');
}

async function aPaidTransaction(amount = 150000) {
  const tranId = newTranId();
  const back = await press((await openSession(tranId, amount)).redirectUrl, 'success');
  const ipn = ipns.find((fields) => fields.tran_id === tranId);
  return { tranId, back, ipn };
}

async function aValidatedPayment(amount = 150000) {
  const { back } = await aPaidTransaction(amount);
  const validated = await gateway.validate(back.searchParams.get('val_id') ?? '');
  if (!validated.ok) throw new Error(validated.reason);
  return validated.value;
}

describe('SSLCommerz adapter against the built-in sandbox', () => {
  it('opens a session whose redirect URL is the sandbox pay page', async () => {
    const { redirectUrl, sessionKey } = await openSession(newTranId());
    expect(redirectUrl).toBe(`${origin}${MOUNT}/pay/${sessionKey}`);
    const page = await fetch(redirectUrl).then((res) => res.text());
    expect(page).toContain('1500.00 BDT');
    expect(page).toContain('Deep cleaning &#60;2 rooms&#62;');
  });

  it('delivers a signed IPN on payment, and validation confirms tran_id and the exact amount', async () => {
    const { tranId, back, ipn } = await aPaidTransaction(123456);
    expect([back.pathname, back.searchParams.get('status')]).toEqual(['/back/success', 'VALID']);
    expect(ipn).toMatchObject({ status: 'VALID', tran_id: tranId, amount: '1234.56', currency: 'BDT' });
    expect(gateway.verifyIpn(ipn ?? {})).toBe(true);

    const { val_id: valId = '', bank_tran_id: bankTranId } = ipn ?? {};
    const value = { status: 'VALID', tranId, amount: 123456, currency: 'BDT', method: 'VISA-Dutch Bangla', bankTranId, valId };
    expect(await gateway.validate(valId)).toEqual({ ok: true, value: { ...value, riskLevel: 0, riskTitle: 'Safe' } });
    const again = await gateway.validate(valId);
    expect(again.ok && again.value.status).toBe('VALIDATED');
  });

  it('rejects an IPN whose fields were tampered with', async () => {
    const { ipn = {} } = await aPaidTransaction();
    expect(gateway.verifyIpn({ ...ipn, amount: '1.00' })).toBe(false);
    expect(gateway.verifyIpn({ ...ipn, tran_id: 'someone-else' })).toBe(false);
    expect(gateway.verifyIpn({ ...ipn, verify_sign: '0'.repeat(32) })).toBe(false);
    // Dropping a field from verify_key would leave it unsigned; the fields we act on must be signed.
    const unsignedAmount = (ipn.verify_key ?? '').replace(/\bamount,/, '');
    expect(unsignedAmount).not.toMatch(/\bamount\b/);
    expect(gateway.verifyIpn({ ...ipn, verify_key: unsignedAmount, amount: '1.00' })).toBe(false);
  });

  it('rejects an IPN checked with the wrong store password', async () => {
    const { ipn = {} } = await aPaidTransaction();
    expect(aGateway({ storePassword: 'not-the-password' }).verifyIpn(ipn)).toBe(false);
  });

  it('sends signed FAILED and CANCELLED IPNs and returns the browser to the fail and cancel URLs', async () => {
    for (const outcome of ['fail', 'cancel'] as const) {
      const [tranId, status] = [newTranId(), outcome === 'fail' ? 'FAILED' : 'CANCELLED'];
      const back = await press((await openSession(tranId)).redirectUrl, outcome);
      expect([back.pathname, back.searchParams.get('status'), back.searchParams.get('val_id')]).toEqual([`/back/${outcome}`, status, null]);
      const ipn = ipns.find((fields) => fields.tran_id === tranId) ?? {};
      expect(ipn.status).toBe(status);
      expect(gateway.verifyIpn(ipn)).toBe(true);
    }
  });

  it('reports the risk verdict of a payment the gateway flagged', async () => {
    controls.flagNextPaymentRisky();
    const { back } = await aPaidTransaction();
    const result = await gateway.validate(back.searchParams.get('val_id') ?? '');
    expect(result.ok && { riskLevel: result.value.riskLevel, riskTitle: result.value.riskTitle }).toEqual({
      riskLevel: 1,
      riskTitle: 'Risky',
    });
  });

  it('reports a session the gateway refuses, without retry', async () => {
    const result = await gateway.createSession(sessionInput(newTranId(), 999)); // below the 10.00 BDT minimum
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/session refused: Invalid amount/), retryable: false });
  });

  it('reports INVALID_TRANSACTION from validation as a definite failure', async () => {
    const { tranId, back } = await aPaidTransaction();
    controls.answerValidationWith(tranId, 'INVALID_TRANSACTION');
    const result = await gateway.validate(back.searchParams.get('val_id') ?? '');
    expect(result).toEqual({ ok: false, reason: 'validation answered INVALID_TRANSACTION', retryable: false });
  });

  it('refunds a validated payment and polls the refund from processing to refunded', async () => {
    const { bankTranId } = await aValidatedPayment(150000);
    const remarks = 'slow: customer cancelled & left #3'; // '&' and '#' must survive the URL
    const refund = await gateway.refund({ bankTranId: bankTranId ?? '', amount: 50050, remarks, refId: 'R-1' });
    expect(refund).toEqual({ ok: true, value: { status: 'success', refundRefId: expect.any(String) } });
    const refundRefId = (refund.ok && refund.value.refundRefId) || '';
    expect(await gateway.refundStatus(refundRefId)).toEqual({ ok: true, value: { status: 'processing' } });
    expect(await gateway.refundStatus(refundRefId)).toEqual({ ok: true, value: { status: 'refunded' } });
    const made = (await controls.transactions()).find((t) => t.bankTranId === bankTranId)?.refunds[0];
    expect(made).toMatchObject({ amount: 50050, remarks, refeId: 'R-1' });
  });

  it('answers a refund beyond the paid amount with status failed and the reason', async () => {
    const { bankTranId } = await aValidatedPayment(150000);
    const refund = await gateway.refund({ bankTranId: bankTranId ?? '', amount: 150001, remarks: 'too much', refId: 'R-2' });
    expect(refund).toEqual({ ok: true, value: { status: 'failed', refundRefId: null, reason: expect.stringMatching(/more than/) } });
  });

  it('finds a paid transaction by tran_id, even when its IPN was lost', async () => {
    controls.dropNextIpn();
    const { tranId, back, ipn } = await aPaidTransaction(99999);
    expect(ipn).toBeUndefined();
    const valId = back.searchParams.get('val_id');
    const value = { found: true, status: 'VALID', valId, amount: 99999, currency: 'BDT', bankTranId: expect.any(String) };
    expect(await gateway.queryTransaction(tranId)).toEqual({ ok: true, value });
  });

  it('reports an unknown tran_id as not found', async () => {
    expect(await gateway.queryTransaction('never-seen')).toEqual({
      ok: true,
      value: { found: false, status: null, valId: null, amount: null, currency: null, bankTranId: null },
    });
  });

  it('turns a gateway that is down into a readable, retryable failure that hides the password', async () => {
    controls.setDown(true);
    const results = [
      await gateway.createSession(sessionInput(newTranId())),
      await gateway.validate('any'),
      await gateway.refund({ bankTranId: 'b', amount: 100, remarks: 'r', refId: 'x' }),
      await gateway.refundStatus('r'),
      await gateway.queryTransaction('t'),
    ];
    for (const result of results) {
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/unreachable or answered garbage/), retryable: true });
      expect(!result.ok && result.reason).not.toMatch(/p%40ss|p@ss/);
    }
  });

  it('turns a refused connection into a retryable failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await aGateway({ baseUrl: `http://127.0.0.1:${port}` }).validate('any');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/), retryable: true });
  });

  it('gives up on a slow gateway after timeoutMs, and the late answer causes no unhandled rejection', async () => {
    controls.setDelayMs(600);
    const started = Date.now();
    const result = await aGateway({ timeoutMs: 150 }).queryTransaction('slow');
    expect(Date.now() - started).toBeLessThan(550);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/timeout/), retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 800)); // let the late answer arrive
    expect(unhandled).toEqual([]);
  });
});

describe('amounts on the wire', () => {
  it('converts worked examples exactly', () => {
    expect([150000, 5, 0].map(toMajorString)).toEqual(['1500.00', '0.05', '0.00']);
    const majors = ['1500.00', '1500', '1500.5', '0.1000', '1.005', '-1.00', '1e3', ''];
    expect(majors.map(toMinorUnits)).toEqual([150000, 150000, 150050, 10, null, null, null, null]);
  });

  it('round-trips every minor amount through the major string', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (minor) => {
        const major = toMajorString(minor);
        expect(major).toMatch(/^\d+\.\d{2}$/);
        expect(toMinorUnits(major)).toBe(minor);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends amounts the sandbox reads back to the same poisha', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10_00, max: 500_000_00 }), async (amount) => {
        const tranId = newTranId();
        await openSession(tranId, amount);
        expect((await controls.transactions()).find((t) => t.tranId === tranId)?.amount).toBe(amount);
      }),
      { numRuns: 30 },
    );
  });
});
