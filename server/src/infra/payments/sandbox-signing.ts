// The built-in sandbox's side of an IPN: what the gateway reports about a payment, how it signs
// that report, and how it posts it. The signing is written from SSLCommerz's description of the
// hash (SSLWireless support, "How hash validation work"), on purpose without ipn-signature.ts:
// the adapter's check must be tested against an independent signer, or it cannot fail.
//
// The gateway lists the fields it signs in verify_key, adds the md5 of the store password as
// "store_passwd", orders the names ascending, writes name=value pairs joined by '&' and
// posts the md5 of that text as verify_sign. SSLCommerz's own example (store "testbox",
// password "qwerty") hashes "amount=100&bank_tran_id=...&store_id=testbox&
// store_passwd=d8578edf8458ce06fbc5bb76a58c5ca4&tran_date=2018-05-13 13:20:47&tran_id=...".
import { createHash } from 'node:crypto';

function md5Hex(input: string): string {
  const hash = createHash('md5');
  hash.update(Buffer.from(input, 'utf8'));
  return hash.digest('hex');
}

/** Returns the IPN form fields with verify_key and verify_sign added, as the gateway posts them. */
export function signIpnFields(fields: Readonly<Record<string, string>>, storePassword: string): Record<string, string> {
  const names = Object.keys(fields).filter((name) => name !== 'verify_key' && name !== 'verify_sign');
  const hashed = [...names, 'store_passwd'].sort();
  let plain = '';
  for (const name of hashed) {
    const value = name === 'store_passwd' ? md5Hex(storePassword) : fields[name];
    plain += `${plain === '' ? '' : '&'}${name}=${value}`;
  }
  return { ...fields, verify_key: names.sort().join(','), verify_sign: md5Hex(plain) };
}

/** The sandbox's record of a payment, as far as the gateway reports it. Amounts in minor units. */
export interface PaymentRecord {
  tranId: string;
  status: string;
  amount: number;
  currency: string;
  tranDate: string | null;
  valId: string | null;
  bankTranId: string | null;
  /** SSLCommerz's risk verdict: 0 safe, 1 risky. */
  riskLevel?: number;
}

/** The fields the gateway reports about a payment: the IPN, and validation and query answers. */
export function paymentFields(tx: PaymentRecord, storeId: string): Record<string, string> {
  const amount = taka(tx.amount);
  const common = {
    tran_id: tx.tranId,
    status: tx.status,
    amount,
    currency: tx.currency,
    currency_type: tx.currency,
    currency_amount: amount,
    currency_rate: '1.0000',
    base_fair: '0.00',
    store_id: storeId,
    tran_date: tx.tranDate ?? '',
    value_a: '',
    value_b: '',
    value_c: '',
    value_d: '',
  };
  if (!tx.valId || !tx.bankTranId) {
    return { ...common, error: tx.status === 'CANCELLED' ? 'Cancelled by the customer' : tx.status === 'FAILED' ? 'Declined' : '' };
  }
  // A 2.5% fee, rounded to the poisha, so store_amount differs from amount as it does live.
  const storeAmount = taka(tx.amount - Math.round((tx.amount * 25) / 1000));
  return {
    ...common,
    val_id: tx.valId,
    bank_tran_id: tx.bankTranId,
    store_amount: storeAmount,
    card_type: 'VISA-Dutch Bangla',
    card_no: '418117XXXXXX6675',
    card_issuer: 'SANDBOX BANK',
    card_brand: 'VISA',
    card_issuer_country: 'Bangladesh',
    card_issuer_country_code: 'BD',
    risk_level: String(tx.riskLevel ?? 0),
    risk_title: tx.riskLevel === 1 ? 'Risky' : 'Safe',
  };
}

/** 150000 → "1500.00", the gateway's decimal(10,2). */
export const taka = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** "1500.00" → 150000; at most two decimals, as the gateway's decimal(10,2). */
export function parseTaka(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/** Signs and posts an IPN once, as a form; says what became of it: 'delivered' or 'failed: …'. */
export async function postSignedIpn(url: string, fields: Record<string, string>, storePassword: string, fetchImpl: typeof fetch) {
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signIpnFields(fields, storePassword)).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer(); // drain, so the connection is released
    return res.ok ? 'delivered' : `failed: HTTP ${res.status}`;
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
