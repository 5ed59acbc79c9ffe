// The real PaymentGateway: SSLCommerz (sandbox, live, or our built-in sandbox via baseUrl)
// through the official `sslcommerz-lts` package. The package (1.2) never URL-encodes, has no
// timeout and turns network errors into return values, so every call goes through `ask()`,
// which builds the encoded URL itself, races a timer and sorts answers from failures.
import type { PaymentGateway, TransactionLookup } from './payment-gateway';
import { verifyIpnSignature } from './ipn-signature';

export interface SslcommerzOptions {
  storeId: string;
  storePassword: string;
  live: boolean;
  /** Overrides the host chosen by `live`, e.g. "http://127.0.0.1:4000/dev/sslcommerz". */
  baseUrl?: string;
  timeoutMs: number;
}

// The methods of the untyped package we use. Each resolves to the parsed JSON body, or to the
// Error it swallowed (network failure, non-JSON body); the URL argument replaces its own.
interface SslcommerzClient {
  init(data: Record<string, string>, url: string): Promise<unknown>;
  validate(data: object, url: string): Promise<unknown>;
  initiateRefund(data: object, url: string): Promise<unknown>;
  refundQuery(data: object, url: string): Promise<unknown>;
  transactionQueryByTransactionId(data: object, url: string): Promise<unknown>;
}
type SslcommerzClientClass = new (storeId: string, storePassword: string, live: boolean) => SslcommerzClient;
// The package ships no types; the cast names exactly the surface above.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS package, typed by the cast
const SslCommerzPayment = require('sslcommerz-lts') as SslcommerzClientClass;

const QUERY_API = '/validator/api/merchantTransIDvalidationAPI.php';
const TIMED_OUT = Symbol('timed out'); // not a string: no answer body can be mistaken for it
type Body = Record<string, unknown>;
type Failure = { ok: false; reason: string; retryable: boolean };

export function createSslcommerzGateway(options: SslcommerzOptions): PaymentGateway {
  const { storeId, storePassword, live, timeoutMs } = options;
  const client = new SslCommerzPayment(storeId, storePassword, live);
  const base = (options.baseUrl ?? `https://${live ? 'securepay' : 'sandbox'}.sslcommerz.com`).replace(/\/+$/, '');

  // The package would paste values raw; a '&' or '#' in a remark or an '@' password would break the URL.
  const url = (path: string, params: Record<string, string>) => {
    const all = { ...params, store_id: storeId, store_passwd: storePassword, v: '1', format: 'json' };
    const query = Object.entries(all).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    return `${base}${path}?${query.join('&')}`;
  };

  // Error messages of the package quote the URL, which carries the store password.
  const fail = (reason: string, retryable: boolean): Failure => ({
    ok: false,
    reason: reason.replace(/store_passwd=[^&\s]*/g, 'store_passwd=***'),
    retryable,
  });

  async function ask(what: string, call: () => Promise<unknown>): Promise<{ ok: true; body: Body } | Failure> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
    const answer = Promise.resolve().then(call); // a synchronous throw becomes a rejection too
    answer.catch(() => undefined); // a rejection arriving after the timeout must not go unhandled
    try {
      const result = await Promise.race([answer, expired]);
      if (result === TIMED_OUT) return fail(`${what}: SSLCommerz did not answer within ${timeoutMs} ms (timeout)`, true);
      if (isError(result)) return fail(`${what}: SSLCommerz unreachable or answered garbage (${result.message})`, true);
      if (!isBody(result)) return fail(`${what}: SSLCommerz answered something that is not a JSON object`, true);
      return { ok: true, body: result };
    } catch (err) {
      return fail(`${what}: ${isError(err) ? err.message : String(err)}`, true);
    } finally {
      clearTimeout(timer);
    }
  }

  // APIConnect is how the query APIs report a bad request or an inactive store.
  const connected = (what: string, body: Body): Failure | null => {
    const api = text(body.APIConnect);
    if (api === 'DONE') return null;
    return fail(`${what}: APIConnect ${api ?? 'missing'}${text(body.errorReason) ? ` (${text(body.errorReason)})` : ''}`, api === 'FAILED');
  };

  return {
    async createSession(input) {
      if (!isMinor(input.amount)) return fail(`session: amount ${input.amount} is not a positive integer in minor units`, false);
      const data: Record<string, string> = {
        tran_id: input.tranId,
        total_amount: toMajorString(input.amount),
        currency: input.currency,
        success_url: input.urls.success,
        fail_url: input.urls.fail,
        cancel_url: input.urls.cancel,
        ipn_url: input.urls.ipn,
        product_name: input.productName,
        product_category: 'Service',
        product_profile: 'non-physical-goods',
        shipping_method: 'NO',
        num_of_item: '1',
        emi_option: '0',
        cus_name: input.customer.name,
        cus_email: input.customer.email,
        // The gateway requires phone and address; a booked service at home has no billing address.
        cus_phone: input.customer.phone || 'N/A',
        cus_add1: 'N/A',
        cus_city: 'N/A',
        cus_country: 'Bangladesh',
      };
      const answer = await ask('session', () => client.init(data, `${base}/gwprocess/v4/api.php`));
      if (!answer.ok) return answer;
      const { body } = answer;
      if (body.status !== 'SUCCESS') return fail(`session refused: ${text(body.failedreason) ?? 'no reason given'}`, false);
      const redirectUrl = text(body.GatewayPageURL);
      const sessionKey = text(body.sessionkey);
      if (!redirectUrl || !sessionKey) return fail('session: answer lacks GatewayPageURL or sessionkey', true);
      return { ok: true, value: { redirectUrl, sessionKey } };
    },

    async validate(valId) {
      const answer = await ask('validation', () =>
        client.validate({ val_id: valId }, url('/validator/api/validationserverAPI.php', { val_id: valId })),
      );
      if (!answer.ok) return answer;
      const { body } = answer;
      const status = text(body.status);
      if (status !== 'VALID' && status !== 'VALIDATED') return fail(`validation answered ${status ?? 'no status'}`, false);
      const { amount, currency } = requested(body);
      const tranId = text(body.tran_id);
      if (!tranId || amount === null || !currency) return fail('validation: answer lacks tran_id, amount or currency', false);
      const method = text(body.card_type) ?? null;
      const bankTranId = text(body.bank_tran_id) ?? null;
      // Any level but 0 holds the payment: holding a safe one costs a review, passing a risky one money.
      const riskLevel = text(body.risk_level) === undefined || text(body.risk_level) === '0' ? 0 : 1;
      const riskTitle = text(body.risk_title) ?? null;
      const value = { status, tranId, amount, currency, method, bankTranId, valId: text(body.val_id) ?? valId, riskLevel, riskTitle };
      return { ok: true, value };
    },

    async refund(input) {
      if (!isMinor(input.amount)) return fail(`refund: amount ${input.amount} is not a positive integer in minor units`, false);
      const params = {
        bank_tran_id: input.bankTranId,
        refund_amount: toMajorString(input.amount),
        refund_remarks: input.remarks,
        refe_id: input.refId,
      };
      const answer = await ask('refund', () => client.initiateRefund(params, url(QUERY_API, params)));
      if (!answer.ok) return answer;
      const { body } = answer;
      const refused = connected('refund', body);
      if (refused) return refused;
      const status = text(body.status);
      if (status !== 'success' && status !== 'processing' && status !== 'failed') {
        return fail(`refund: unexpected status ${status ?? 'missing'}`, false);
      }
      const reason = text(body.errorReason);
      return { ok: true, value: { status, refundRefId: text(body.refund_ref_id) ?? null, ...(reason ? { reason } : {}) } };
    },

    async refundStatus(refundRefId) {
      const params = { refund_ref_id: refundRefId };
      const answer = await ask('refund query', () => client.refundQuery(params, url(QUERY_API, params)));
      if (!answer.ok) return answer;
      const refused = connected('refund query', answer.body);
      if (refused) return refused;
      const status = text(answer.body.status);
      if (status === 'refunded' || status === 'processing' || status === 'cancelled' || status === 'failed') {
        return { ok: true, value: { status } };
      }
      return fail(`refund query: unexpected status ${status ?? 'missing'}`, false);
    },

    // SSLCommerz has no API to close a session; a payment that still arrives is refunded.
    async closeSession() {
      return { ok: true, value: { closed: false } };
    },

    async queryTransaction(tranId) {
      const params = { tran_id: tranId };
      const answer = await ask('transaction query', () => client.transactionQueryByTransactionId(params, url(QUERY_API, params)));
      if (!answer.ok) return answer;
      const refused = connected('transaction query', answer.body);
      if (refused) return refused;
      const elements = Array.isArray(answer.body.element) ? answer.body.element.filter(isBody) : [];
      // One tran_id may have several attempts; the paid one is what reconciliation needs.
      const paid = elements.find((e) => e.status === 'VALID' || e.status === 'VALIDATED');
      const chosen = paid ?? elements[elements.length - 1];
      if (!chosen) return { ok: true, value: notFound };
      const { amount, currency } = requested(chosen);
      const value: TransactionLookup = {
        found: true,
        status: text(chosen.status) ?? null,
        valId: text(chosen.val_id) ?? null,
        amount,
        currency: currency ?? null,
        bankTranId: text(chosen.bank_tran_id) ?? null,
      };
      return { ok: true, value };
    },

    verifyIpn(fields) {
      return verifyIpnSignature(fields, storePassword);
    },
  };
}

const notFound: TransactionLookup = { found: false, status: null, valId: null, amount: null, currency: null, bankTranId: null };

/** 150000 → "1500.00", 5 → "0.05". Digits are moved, never divided, so nothing drifts. */
export function toMajorString(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`not a minor-unit amount: ${minor}`);
  const digits = String(minor).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** "1500.00" / "1500" / "1500.5" → 150000 / 150000 / 150050; null unless exact in minor units ("1.005"). */
export function toMinorUnits(major: string): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(major.trim());
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (/[^0]/.test(fraction.slice(2))) return null;
  const minor = Number(whole + fraction.slice(0, 2).padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

// SSLCommerz converts foreign currencies to BDT: `amount`/`currency` are then the settlement,
// `currency_amount`/`currency_type` what we asked for (SSLCommerz-PHP compares those too).
function requested(body: Body): { amount: number | null; currency: string | undefined } {
  const foreign = text(body.currency_type) && text(body.currency_amount);
  const amount = text(foreign ? body.currency_amount : body.amount);
  return { amount: amount === undefined ? null : toMinorUnits(amount), currency: text(foreign ? body.currency_type : body.currency) };
}

const isMinor = (n: number) => Number.isSafeInteger(n) && n > 0;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const isBody = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v) && !isError(v);
// node-fetch's errors may come from another realm under Jest, so `instanceof` alone is not enough.
const isError = (v: unknown): v is Error => v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';
