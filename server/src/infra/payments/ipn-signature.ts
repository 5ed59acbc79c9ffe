// Checks the verify_sign of an SSLCommerz IPN, as SSLCommerz documents it (SSLWireless support
// article "How hash validation work", and SSLCOMMERZ_hash_varify in sslcommerz/SSLCommerz-PHP):
//   1. take the posted fields named in verify_key (comma-separated; names not posted are skipped),
//   2. add store_passwd = md5(store password),
//   3. sort by key, join as key=value with '&' (values raw, not URL-encoded),
//   4. md5 of that string, hex, must equal verify_sign.
// Worked example (store "testbox", password "qwerty"): verify_key "status,tran_id",
// status=VALID, tran_id=T1 → md5("status=VALID&store_passwd=d8578edf8458ce06fbc5bb76a58c5ca4&tran_id=T1").
import { createHash, timingSafeEqual } from 'node:crypto';

// verify_key is itself unsigned: a field it leaves out could be changed at will. These are
// the fields the payments service acts on, so when posted they must be covered by the hash.
const MUST_BE_SIGNED = ['status', 'tran_id', 'val_id', 'amount', 'currency', 'bank_tran_id', 'store_id'];

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export function verifyIpnSignature(fields: Record<string, string>, storePassword: string): boolean {
  const sign = own(fields, 'verify_sign');
  const keyList = own(fields, 'verify_key');
  if (!sign || !keyList || !/^[0-9a-f]{32}$/i.test(sign)) return false;

  const signed = new Map<string, string>();
  for (const key of keyList.split(',')) {
    const value = own(fields, key);
    // store_passwd is never taken from the request: the hash of our password goes in below.
    if (value !== undefined && key !== 'store_passwd') signed.set(key, value);
  }
  if (!signed.has('status') || !signed.has('tran_id')) return false;
  if (MUST_BE_SIGNED.some((key) => own(fields, key) !== undefined && !signed.has(key))) return false;

  signed.set('store_passwd', md5(storePassword));
  const text = [...signed.keys()]
    .sort(byCodeUnit)
    .map((key) => `${key}=${signed.get(key)}`)
    .join('&');
  return timingSafeEqual(Buffer.from(md5(text)), Buffer.from(sign.toLowerCase()));
}

// Own string properties only: a posted "__proto__" or "constructor" must not reach the hash.
function own(fields: Record<string, string>, key: string): string | undefined {
  const value: unknown = Object.hasOwn(fields, key) ? fields[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

// PHP's ksort on these ASCII field names is plain byte order; localeCompare would not be.
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
