// A stand-in for a Supabase project's Auth server: it publishes a JWKS at
// /auth/v1/.well-known/jwks.json (counting fetches) and signs tokens with the matching
// private key, as a project with asymmetric signing keys does.
import { exportJWK, generateKeyPair } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupabaseSigner } from './identity';

export interface FakeSupabaseAuth {
  /** The project URL, for SUPABASE_URL. */
  url: string;
  issuer: string;
  /** Signs with the key the JWKS publishes. */
  signer: SupabaseSigner;
  jwksFetches(): number;
  close(): Promise<void>;
}

export async function aFakeSupabaseAuth(): Promise<FakeSupabaseAuth> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = 'test-key-1';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] });
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/auth/v1/.well-known/jwks.json') return void res.writeHead(404).end();
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}/auth/v1`;
  return {
    url,
    issuer,
    signer: { issuer, key: privateKey, alg: 'ES256', kid },
    jwksFetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
