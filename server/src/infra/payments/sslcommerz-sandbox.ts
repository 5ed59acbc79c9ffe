// The built-in SSLCommerz sandbox, so `npm start` takes payments with nothing configured: the
// HTTP API the adapter calls (same paths and answer shapes, accepting exactly what
// sslcommerz-lts sends: POSTs with the query in the URL, a multipart form for sessions) and a
// local pay page. The payments module mounts it at mountPath when no real store is
// configured. Its books are in the database (sandbox-books.ts); the test controls below are
// per process.
//
// Routes, relative to mountPath:
//   POST /gwprocess/v4/api.php                           open a session (multipart or urlencoded form)
//   ANY  /validator/api/validationserverAPI.php          ?val_id → VALID the first time, then VALIDATED
//   ANY  /validator/api/merchantTransIDvalidationAPI.php ?bank_tran_id&refund_amount&refund_remarks&refe_id
//                                                        → refund; ?refund_ref_id → refund query;
//                                                        ?tran_id → transaction query
//   GET  /pay/:sessionKey                                the pay page: Pay, Fail, Cancel
//   POST /pay/:sessionKey  outcome=success|fail|cancel   posts the signed IPN to ipn_url (once, no
//        retries), then 303 to the success/fail/cancel URL with ?tran_id&val_id&status. The real
//        gateway POSTs those fields as a form instead; the return routes only redirect either way.
// Every API call needs the store's id and password. Only BDT, 10.00 to 500000.00, as SSLCommerz allows.
import express, { type Request, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import type { Db } from '../database';
import { SandboxBooks, type SandboxTransaction } from './sandbox-books';
import { payPage } from './sandbox-pay-page';
import { parseTaka, paymentFields, postSignedIpn } from './sandbox-signing';

export type { SandboxRefund, SandboxTransaction } from './sandbox-books';

export interface SandboxOptions {
  storeId: string;
  storePassword: string;
  /** Where browsers reach this server, e.g. "http://127.0.0.1:4000". */
  publicUrl: string;
  mountPath: string;
  prisma: Db;
  fetchImpl?: typeof fetch;
}

export interface SandboxControls {
  /** While down, every route answers 503 with a plain-text body, like a gateway in maintenance. */
  setDown(down: boolean): void;
  /** Holds every answer back by `ms`, to exercise timeouts. */
  setDelayMs(ms: number): void;
  /** The next payment completes without sending its IPN: the "lost IPN" case. */
  dropNextIpn(): void;
  /** The next payment is reported with risk_level 1 ("Risky"). */
  flagNextPaymentRisky(): void;
  /** From now on, validating this tran_id's val_id answers `status` (e.g. INVALID_TRANSACTION). */
  answerValidationWith(tranId: string, status: string): void;
  transactions(): Promise<SandboxTransaction[]>;
}

type Params = Record<string, string | undefined>;
type Answer = Record<string, unknown>;

// What SSLCommerz requires in a session request.
const SESSION_FIELDS = (
  'tran_id total_amount currency success_url fail_url cancel_url cus_name cus_email cus_add1 cus_city cus_country cus_phone ' +
  'shipping_method product_name product_category product_profile'
).split(' ');

export function createSslcommerzSandbox(options: SandboxOptions): { router: Router; controls: SandboxControls; books: SandboxBooks } {
  const { storeId, storePassword, mountPath } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const books = new SandboxBooks(options.prisma);
  const forcedValidation = new Map<string, string>();
  let down = false;
  let delayMs = 0;
  let dropIpn = false;
  let risky = false;

  const authorised = (p: Params) => p.store_id === storeId && p.store_passwd === storePassword;

  async function openSession(p: Params): Promise<Answer> {
    const refuse = (failedreason: string) => ({ status: 'FAILED', failedreason, sessionkey: '', GatewayPageURL: '' });
    if (!authorised(p)) return refuse('Store Credential Error Or Store is De-active');
    const missing = SESSION_FIELDS.find((field) => !p[field]);
    if (missing) return refuse(`Invalid Information! '${missing}' is missing`);
    const amount = parseTaka(p.total_amount ?? '');
    if (amount === null || amount < 10_00 || amount > 500_000_00) {
      return refuse('Invalid amount: it must be from 10.00 BDT to 500000.00 BDT with at most 2 decimals');
    }
    if (p.currency !== 'BDT') return refuse(`Currency ${p.currency} is not supported by the built-in sandbox`);
    if ((p.tran_id ?? '').length > 30) return refuse('tran_id is longer than 30 characters');
    const sessionKey = randomBytes(16).toString('hex').toUpperCase();
    const urls = { success: p.success_url ?? '', fail: p.fail_url ?? '', cancel: p.cancel_url ?? '', ipn: p.ipn_url || null };
    await books.open({ sessionKey, tranId: p.tran_id ?? '', amount, currency: 'BDT', productName: p.product_name ?? '', urls });
    const GatewayPageURL = `${options.publicUrl}${mountPath}/pay/${sessionKey}`;
    return { status: 'SUCCESS', failedreason: '', sessionkey: sessionKey, GatewayPageURL };
  }

  async function validation(p: Params): Promise<Answer> {
    const tx = p.val_id ? await books.byValId(p.val_id) : null;
    if (!authorised(p) || !tx) return { status: 'INVALID_TRANSACTION', APIConnect: authorised(p) ? 'DONE' : 'INVALID_REQUEST' };
    const forced = forcedValidation.get(tx.tranId);
    if (forced === 'INVALID_TRANSACTION') return { status: forced, APIConnect: 'DONE' };
    const answer = { ...paymentFields(tx, storeId), status: forced ?? tx.status, validated_on: now(), APIConnect: 'DONE' };
    if (!forced && tx.status === 'VALID') await books.markValidated(tx.sessionKey);
    return answer;
  }

  async function merchantQuery(p: Params): Promise<Answer> {
    if (!authorised(p)) return { APIConnect: 'INVALID_REQUEST', errorReason: 'Invalid store_id or store_passwd' };
    if (p.bank_tran_id !== undefined || p.refund_amount !== undefined) return refund(p);
    if (p.refund_ref_id) return refundQuery(p.refund_ref_id);
    if (p.tran_id) {
      const element = (await books.byTranId(p.tran_id)).map((t) => ({ ...paymentFields(t, storeId), sessionkey: t.sessionKey }));
      return { APIConnect: 'DONE', no_of_trans_found: element.length, element };
    }
    return { APIConnect: 'INVALID_REQUEST', errorReason: 'No tran_id, refund_ref_id or bank_tran_id given' };
  }

  async function refund(p: Params): Promise<Answer> {
    const missing = ['bank_tran_id', 'refund_amount', 'refund_remarks'].find((field) => !p[field]);
    if (missing) return { APIConnect: 'INVALID_REQUEST', errorReason: `${missing} is missing` };
    const bankTranId = p.bank_tran_id ?? '';
    const tx = await books.byBankTranId(bankTranId);
    const head = { APIConnect: 'DONE', bank_tran_id: bankTranId, trans_id: tx?.tranId ?? '', refund_ref_id: '' };
    const failed = (errorReason: string) => ({ ...head, status: 'failed', errorReason });
    const amount = parseTaka(p.refund_amount ?? '');
    if (amount === null || amount === 0) return failed('Invalid refund_amount');
    const made = { refundRefId: newId(), refeId: p.refe_id ?? '', amount, remarks: p.refund_remarks ?? '', initiatedOn: now(), queries: 0 };
    switch (await books.refund(bankTranId, made)) {
      case 'unknown':
        return failed('Invalid bank_tran_id');
      case 'not validated':
        return failed('Only a validated transaction can be refunded');
      case 'too much':
        return failed('Refund amount is more than the refundable amount');
      case 'made':
        return { ...head, refund_ref_id: made.refundRefId, status: 'success', errorReason: '' };
    }
  }

  async function refundQuery(refundRefId: string): Promise<Answer> {
    const found = await books.queryRefund(refundRefId);
    if (!found) return { APIConnect: 'DONE', refund_ref_id: refundRefId, status: 'failed', errorReason: 'Invalid refund_ref_id' };
    const { tx, refund: made } = found;
    // A remark containing "slow" keeps the first answer at processing, so polling can be tested.
    const status = /slow/i.test(made.remarks) && made.queries === 1 ? 'processing' : 'refunded';
    const ids = { bank_tran_id: tx.bankTranId, tran_id: tx.tranId, refund_ref_id: refundRefId };
    const refunded_on = status === 'refunded' ? now() : '';
    return { APIConnect: 'DONE', ...ids, initiated_on: made.initiatedOn, refunded_on, status, errorReason: '' };
  }

  /** Settles a PENDING session once (across instances); null when it was no longer PENDING. */
  async function pay(sessionKey: string, outcome: string): Promise<string | null> {
    const tranDate = now();
    const settled = await books.settle(
      sessionKey,
      outcome === 'success'
        ? { paid: true, valId: newId(), bankTranId: newId(), tranDate }
        : { paid: false, status: outcome === 'fail' ? 'FAILED' : 'CANCELLED', tranDate },
      outcome === 'success' && risky ? 1 : 0,
    );
    if (!settled) return null;
    if (outcome === 'success') risky = false;
    if (settled.urls.ipn && dropIpn) {
      dropIpn = false;
      await books.recordIpn(sessionKey, 'dropped');
    } else if (settled.urls.ipn) {
      await books.recordIpn(sessionKey, await postSignedIpn(settled.urls.ipn, paymentFields(settled, storeId), storePassword, fetchImpl));
    }
    const back = new URL(outcome === 'success' ? settled.urls.success : outcome === 'fail' ? settled.urls.fail : settled.urls.cancel);
    back.searchParams.set('tran_id', settled.tranId);
    if (settled.valId) back.searchParams.set('val_id', settled.valId);
    back.searchParams.set('status', settled.status);
    return back.toString();
  }

  const router = express.Router();
  router.use((_req, res, next) => {
    if (down) res.status(503).type('text/plain').send('Service Unavailable');
    else if (delayMs > 0) setTimeout(next, delayMs);
    else next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.post('/gwprocess/v4/api.php', express.raw({ type: 'multipart/form-data', limit: '64kb' }), async (req, res) => {
    res.json(await openSession(await readForm(req)));
  });
  router.all('/validator/api/validationserverAPI.php', async (req, res) => void res.json(await validation(params(req))));
  router.all('/validator/api/merchantTransIDvalidationAPI.php', async (req, res) => void res.json(await merchantQuery(params(req))));
  router.get('/pay/:sessionKey', async (req, res) => {
    const tx = await books.bySession(req.params.sessionKey);
    if (!tx) res.status(404).type('text/plain').send('Unknown session');
    else res.type('html').send(payPage(tx));
  });
  router.post('/pay/:sessionKey', async (req, res) => {
    const outcome = params(req).outcome ?? '';
    if (!['success', 'fail', 'cancel'].includes(outcome)) {
      res.status(400).type('text/plain').send('outcome must be success, fail or cancel');
      return;
    }
    const back = await pay(req.params.sessionKey, outcome);
    if (back) {
      res.redirect(303, back);
      return;
    }
    const tx = await books.bySession(req.params.sessionKey);
    if (!tx) res.status(404).type('text/plain').send('Unknown session');
    else if (tx.status === 'EXPIRED') res.status(409).type('text/plain').send('This payment session is closed; nothing was charged');
    else res.status(409).type('text/plain').send(`This payment is already ${tx.status}`);
  });

  const controls: SandboxControls = {
    setDown: (value) => void (down = value),
    setDelayMs: (ms) => void (delayMs = Math.max(0, ms)),
    dropNextIpn: () => void (dropIpn = true),
    flagNextPaymentRisky: () => void (risky = true),
    answerValidationWith: (tranId, status) => void forcedValidation.set(tranId, status),
    transactions: () => books.all(),
  };
  return { router, controls, books };
}

// Query and form fields, the first value of each; the body wins, as in PHP's $_REQUEST.
function params(req: Request): Params {
  const out: Params = {};
  for (const source of [req.query, req.body] as unknown[]) {
    if (typeof source !== 'object' || source === null || Buffer.isBuffer(source)) continue;
    for (const [key, value] of Object.entries(source)) {
      const first: unknown = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') out[key] = first;
    }
  }
  return out;
}

// sslcommerz-lts posts sessions as multipart/form-data; the fetch API's parser reads it.
async function readForm(req: Request): Promise<Params> {
  const out = params(req);
  if (!Buffer.isBuffer(req.body)) return out;
  const form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': req.get('content-type') ?? '' } }).formData();
  form.forEach((value, key) => {
    if (typeof value === 'string') out[key] = value;
  });
  return out;
}

const newId = () => randomBytes(10).toString('hex').toUpperCase();
// The gateway reports local Dhaka time (UTC+6, no DST) as "YYYY-MM-DD HH:MM:SS".
const now = () => new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
