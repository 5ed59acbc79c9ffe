// How the built-in sandbox signs its IPNs, written from SSLCommerz's description of the hash
// (SSLWireless support, "How hash validation work"), on purpose without ipn-signature.ts:
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
