// The built-in SSLCommerz sandbox, so `npm start` takes payments with nothing configured: the
// HTTP API the adapter calls (same paths and answer shapes, accepting exactly what
// sslcommerz-lts sends: POSTs with the query in the URL, a multipart form for sessions) and a
// local pay page. app.ts mounts it at mountPath when no real store is configured. In memory.
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
import { type PaymentRecord, parseTaka, paymentFields, postSignedIpn, taka } from './sandbox-signing';

export interface SandboxOptions {
  storeId: string;
  storePassword: string;
  /** Where browsers reach this server, e.g. "http://127.0.0.1:4000". */
  publicUrl: string;
  mountPath: string;
  fetchImpl?: typeof fetch;
}

export interface SandboxRefund {
  refundRefId: string;
  refeId: string;
  amount: number;
  remarks: string;
  initiatedOn: string;
  queries: number;
}

/** A session and what became of it; amounts in minor units. */
export interface SandboxTransaction extends PaymentRecord {
  sessionKey: string;
  productName: string;
  status: 'PENDING' | 'VALID' | 'VALIDATED' | 'FAILED' | 'CANCELLED';
  urls: { success: string; fail: string; cancel: string; ipn: string | null };
  /** What became of the IPN: 'not sent' yet, 'dropped' on purpose, 'delivered', or 'failed: …'. */
  ipn: string;
  refunds: SandboxRefund[];
}

export interface SandboxControls {
  /** While down, every route answers 503 with a plain-text body, like a gateway in maintenance. */
  setDown(down: boolean): void;
  /** Holds every answer back by `ms`, to exercise timeouts. */
  setDelayMs(ms: number): void;
  /** The next payment completes without sending its IPN: the "lost IPN" case. */
  dropNextIpn(): void;
  /** From now on, validating this tran_id's val_id answers `status` (e.g. INVALID_TRANSACTION). */
  answerValidationWith(tranId: string, status: string): void;
  transactions(): readonly SandboxTransaction[];
}

type Params = Record<string, string | undefined>;
type Answer = Record<string, unknown>;

// What SSLCommerz requires in a session request.
const SESSION_FIELDS = (
  'tran_id total_amount currency success_url fail_url cancel_url cus_name cus_email cus_add1 cus_city cus_country cus_phone ' +
  'shipping_method product_name product_category product_profile'
).split(' ');

// A session's state before the customer presses a button on the pay page.
const UNPAID = { status: 'PENDING', valId: null, bankTranId: null, tranDate: null, ipn: 'not sent' } as const;

export function createSslcommerzSandbox(options: SandboxOptions): { router: Router; controls: SandboxControls } {
  const { storeId, storePassword, mountPath } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const transactions: SandboxTransaction[] = [];
  const forcedValidation = new Map<string, string>();
  let down = false;
  let delayMs = 0;
  let dropIpn = false;

  const authorised = (p: Params) => p.store_id === storeId && p.store_passwd === storePassword;

  function openSession(p: Params): Answer {
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
    const [tranId, productName] = [p.tran_id ?? '', p.product_name ?? ''];
    transactions.push({ ...UNPAID, sessionKey, tranId, amount, currency: 'BDT', productName, urls, refunds: [] });
    const GatewayPageURL = `${options.publicUrl}${mountPath}/pay/${sessionKey}`;
    return { status: 'SUCCESS', failedreason: '', sessionkey: sessionKey, GatewayPageURL };
  }

  function validation(p: Params): Answer {
    const tx = p.val_id ? transactions.find((t) => t.valId === p.val_id) : undefined;
    if (!authorised(p) || !tx) return { status: 'INVALID_TRANSACTION', APIConnect: authorised(p) ? 'DONE' : 'INVALID_REQUEST' };
    const forced = forcedValidation.get(tx.tranId);
    if (forced === 'INVALID_TRANSACTION') return { status: forced, APIConnect: 'DONE' };
    const answer = { ...paymentFields(tx, storeId), status: forced ?? tx.status, validated_on: now(), APIConnect: 'DONE' };
    if (!forced && tx.status === 'VALID') tx.status = 'VALIDATED';
    return answer;
  }

  function merchantQuery(p: Params): Answer {
    if (!authorised(p)) return { APIConnect: 'INVALID_REQUEST', errorReason: 'Invalid store_id or store_passwd' };
    if (p.bank_tran_id !== undefined || p.refund_amount !== undefined) return refund(p);
    if (p.refund_ref_id) return refundQuery(p.refund_ref_id);
    if (p.tran_id) {
      const element = transactions
        .filter((t) => t.tranId === p.tran_id)
        .map((t) => ({ ...paymentFields(t, storeId), sessionkey: t.sessionKey }));
      return { APIConnect: 'DONE', no_of_trans_found: element.length, element };
    }
    return { APIConnect: 'INVALID_REQUEST', errorReason: 'No tran_id, refund_ref_id or bank_tran_id given' };
  }

  function refund(p: Params): Answer {
    const missing = ['bank_tran_id', 'refund_amount', 'refund_remarks'].find((field) => !p[field]);
    if (missing) return { APIConnect: 'INVALID_REQUEST', errorReason: `${missing} is missing` };
    const tx = transactions.find((t) => t.bankTranId === p.bank_tran_id);
    const head = { APIConnect: 'DONE', bank_tran_id: p.bank_tran_id, trans_id: tx?.tranId ?? '', refund_ref_id: '' };
    const failed = (errorReason: string) => ({ ...head, status: 'failed', errorReason });
    if (!tx) return failed('Invalid bank_tran_id');
    if (tx.status !== 'VALIDATED') return failed('Only a validated transaction can be refunded');
    const amount = parseTaka(p.refund_amount ?? '');
    const refundable = tx.amount - tx.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (amount === null || amount === 0) return failed('Invalid refund_amount');
    if (amount > refundable) return failed('Refund amount is more than the refundable amount');
    const made = { refundRefId: newId(), refeId: p.refe_id ?? '', amount, remarks: p.refund_remarks ?? '', initiatedOn: now(), queries: 0 };
    tx.refunds.push(made);
    return { ...head, refund_ref_id: made.refundRefId, status: 'success', errorReason: '' };
  }

  function refundQuery(refundRefId: string): Answer {
    const tx = transactions.find((t) => t.refunds.some((r) => r.refundRefId === refundRefId));
    const made = tx?.refunds.find((r) => r.refundRefId === refundRefId);
    if (!tx || !made) return { APIConnect: 'DONE', refund_ref_id: refundRefId, status: 'failed', errorReason: 'Invalid refund_ref_id' };
    made.queries += 1;
    // A remark containing "slow" keeps the first answer at processing, so polling can be tested.
    const status = /slow/i.test(made.remarks) && made.queries === 1 ? 'processing' : 'refunded';
    const ids = { bank_tran_id: tx.bankTranId, tran_id: tx.tranId, refund_ref_id: refundRefId };
    const refunded_on = status === 'refunded' ? now() : '';
    return { APIConnect: 'DONE', ...ids, initiated_on: made.initiatedOn, refunded_on, status, errorReason: '' };
  }

  async function pay(tx: SandboxTransaction, outcome: string): Promise<string> {
    const paid = outcome === 'success';
    tx.status = paid ? 'VALID' : outcome === 'fail' ? 'FAILED' : 'CANCELLED';
    tx.tranDate = now();
    if (paid) [tx.valId, tx.bankTranId] = [newId(), newId()];
    if (tx.urls.ipn && dropIpn) [dropIpn, tx.ipn] = [false, 'dropped'];
    else if (tx.urls.ipn) tx.ipn = await postSignedIpn(tx.urls.ipn, paymentFields(tx, storeId), storePassword, fetchImpl);
    const back = new URL(paid ? tx.urls.success : outcome === 'fail' ? tx.urls.fail : tx.urls.cancel);
    back.searchParams.set('tran_id', tx.tranId);
    if (tx.valId) back.searchParams.set('val_id', tx.valId);
    back.searchParams.set('status', tx.status);
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
    res.json(openSession(await readForm(req)));
  });
  router.all('/validator/api/validationserverAPI.php', (req, res) => void res.json(validation(params(req))));
  router.all('/validator/api/merchantTransIDvalidationAPI.php', (req, res) => void res.json(merchantQuery(params(req))));
  router.get('/pay/:sessionKey', (req, res) => {
    const tx = transactions.find((t) => t.sessionKey === req.params.sessionKey);
    if (!tx) res.status(404).type('text/plain').send('Unknown session');
    else res.type('html').send(payPage(tx));
  });
  router.post('/pay/:sessionKey', async (req, res) => {
    const tx = transactions.find((t) => t.sessionKey === req.params.sessionKey);
    const outcome = params(req).outcome ?? '';
    if (!tx) res.status(404).type('text/plain').send('Unknown session');
    else if (tx.status !== 'PENDING') res.status(409).type('text/plain').send(`This payment is already ${tx.status}`);
    else if (!['success', 'fail', 'cancel'].includes(outcome))
      res.status(400).type('text/plain').send('outcome must be success, fail or cancel');
    else res.redirect(303, await pay(tx, outcome));
  });

  const controls: SandboxControls = {
    setDown: (value) => void (down = value),
    setDelayMs: (ms) => void (delayMs = Math.max(0, ms)),
    dropNextIpn: () => void (dropIpn = true),
    answerValidationWith: (tranId, status) => void forcedValidation.set(tranId, status),
    transactions: () => structuredClone(transactions),
  };
  return { router, controls };
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
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function payPage(tx: SandboxTransaction): string {
  const done = tx.status !== 'PENDING';
  const button = (outcome: string, label: string) =>
    `<button name="outcome" value="${outcome}"${done ? ' disabled' : ''}>${label}</button>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>SSLCommerz sandbox</title></head><body>
<h1>SSLCommerz sandbox</h1><p>${escapeHtml(tx.productName)}: <strong>${taka(tx.amount)} ${escapeHtml(tx.currency)}</strong>
(transaction ${escapeHtml(tx.tranId)})${done ? `, already ${tx.status}` : ''}</p>
<form method="post">${button('success', 'Pay')} ${button('fail', 'Fail')} ${button('cancel', 'Cancel')}</form>
<p>No money moves here: this page stands in for the gateway when no SSLCommerz store is configured.</p></body></html>`;
}
