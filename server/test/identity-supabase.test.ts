// Supabase-issued access tokens map to local users. The Supabase `sub` is the link: created
// on first sight, the same user afterwards. An email links an existing account only when
// the token says it is verified, and never a provider's or an admin's account. Tokens are
// checked against the project's JWKS (asymmetric keys) or its legacy HS256 secret, and
// against its issuer and audience.
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { aCustomer, anAccountWithRole } from './support/accounts';
import { aSupabaseToken, aUniqueEmail, countUsers, hs256Signer, me, type SupabaseSigner } from './support/identity';
import { aFakeSupabaseAuth, type FakeSupabaseAuth } from './support/supabase-auth';
import { codes, startTestApp, type TestApp } from './support/test-app';

const SUPABASE_JWT_SECRET = randomBytes(32).toString('hex');

let t: TestApp;
let supabase: FakeSupabaseAuth;
let legacy: SupabaseSigner;
beforeAll(async () => {
  supabase = await aFakeSupabaseAuth();
  legacy = hs256Signer(supabase.issuer, SUPABASE_JWT_SECRET);
  t = await startTestApp({ env: { SUPABASE_URL: supabase.url, SUPABASE_JWT_SECRET } });
});
afterAll(async () => {
  await t.stop();
  await supabase.close();
});

describe('signing in as a Supabase user', () => {
  it('creates a local user on first sight, named from user_metadata.full_name', async () => {
    const email = aUniqueEmail('supa');
    const token = await aSupabaseToken(legacy, { sub: randomUUID(), email, fullName: 'Sadia Islam' });

    const r = await me(t, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.me).toMatchObject({ email, name: 'Sadia Islam', role: 'CUSTOMER', suspended: false });
    expect(await countUsers(t, email)).toBe(1);
  });

  it('answers with the same user on later calls', async () => {
    const email = aUniqueEmail('again');
    const token = await aSupabaseToken(legacy, { sub: randomUUID(), email, fullName: 'Arif Hossain' });

    const first = await me(t, { token });
    const second = await me(t, { token });
    expect(second.data!.me.id).toBe(first.data!.me.id);
    expect(await countUsers(t, email)).toBe(1);
  });

  it('finds the linked user by sub even when the token carries another email', async () => {
    const sub = randomUUID();
    const email = aUniqueEmail('linked');
    const first = await me(t, { token: await aSupabaseToken(legacy, { sub, email }) });
    const changed = await me(t, { token: await aSupabaseToken(legacy, { sub, email: aUniqueEmail('changed') }) });
    expect(changed.data!.me.id).toBe(first.data!.me.id);
  });
});

describe('linking an existing account by email', () => {
  it('links a customer account when the token says the email is verified', async () => {
    const local = await aCustomer(t, { name: 'Local Lina' });
    const token = await aSupabaseToken(legacy, {
      sub: randomUUID(),
      email: local.email.toUpperCase(),
      emailVerified: true,
      fullName: 'Supabase Lina',
    });

    const r = await me(t, { token });
    expect(r.data!.me).toMatchObject({ id: local.id, email: local.email, name: 'Local Lina' });
    expect(await countUsers(t, local.email)).toBe(1);
  });

  it('refuses an unverified email, even with email_verified in the user-editable user_metadata', async () => {
    const local = await aCustomer(t);
    for (const token of [
      await aSupabaseToken(legacy, { sub: randomUUID(), email: local.email }),
      await aSupabaseToken(legacy, { sub: randomUUID(), email: local.email, emailVerified: false }),
      await aSupabaseToken(legacy, { sub: randomUUID(), email: local.email, claims: { user_metadata: { email_verified: true } } }),
    ]) {
      const r = await me(t, { token });
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.errors![0]!.message).toMatch(/already exists.*sign in with your email and password/);
    }
    const row = await t.app.infra.prisma.user.findUniqueOrThrow({ where: { id: local.id } });
    expect(row.supabaseId).toBeNull();
  });

  it.each(['ADMIN', 'PROVIDER'] as const)('never hands over an existing %s account by email, verified or not', async (role) => {
    const account = await anAccountWithRole(t, role);
    for (const emailVerified of [undefined, true]) {
      const token = await aSupabaseToken(legacy, { sub: randomUUID(), email: account.email, emailVerified });
      const r = await me(t, { token });
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.data?.me ?? null).toBeNull();
    }
    const row = await t.app.infra.prisma.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.supabaseId).toBeNull();
    expect(await countUsers(t, account.email)).toBe(1);
  });

  it('refuses to move an account linked to one Supabase identity to another with the same email', async () => {
    const email = aUniqueEmail('taken');
    const owner = await me(t, { token: await aSupabaseToken(legacy, { sub: randomUUID(), email, emailVerified: true }) });
    const other = await me(t, { token: await aSupabaseToken(legacy, { sub: randomUUID(), email, emailVerified: true }) });
    expect(codes(other)).toEqual(['UNAUTHENTICATED']);
    const again = await me(t, { token: await aSupabaseToken(legacy, { sub: randomUUID(), email }) });
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
    expect(owner.data!.me.email).toBe(email);
  });
});

describe('checking the token', () => {
  it("accepts a token signed with the project's asymmetric key, found in its JWKS", async () => {
    const email = aUniqueEmail('jwks');
    const token = await aSupabaseToken(supabase.signer, { sub: randomUUID(), email, fullName: 'Nusrat Jahan' });
    const r = await me(t, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data!.me).toMatchObject({ email, name: 'Nusrat Jahan' });
  });

  it('fetches the JWKS once and keeps it for later tokens', async () => {
    const before = supabase.jwksFetches();
    for (let i = 0; i < 3; i++) {
      const token = await aSupabaseToken(supabase.signer, { sub: randomUUID(), email: aUniqueEmail('cached') });
      expect((await me(t, { token })).errors).toBeUndefined();
    }
    expect(supabase.jwksFetches() - before).toBeLessThanOrEqual(1);
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const email = aUniqueEmail('stranger');
    const forged = { ...supabase.signer, key: privateKey };
    expect(codes(await me(t, { token: await aSupabaseToken(forged, { sub: randomUUID(), email }) }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await me(t, { token: await aSupabaseToken({ ...forged, kid: 'other' }, { sub: randomUUID(), email }) }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await countUsers(t, email)).toBe(0);
  });

  it('refuses a token signed with another HS256 secret', async () => {
    const email = aUniqueEmail('forged');
    const token = await aSupabaseToken(hs256Signer(supabase.issuer, randomBytes(32).toString('hex')), { sub: randomUUID(), email });
    expect(codes(await me(t, { token }))).toEqual(['UNAUTHENTICATED']);
    expect(await countUsers(t, email)).toBe(0);
  });

  it.each([
    ['another issuer (HS256)', () => legacy, { iss: 'https://attacker.supabase.co/auth/v1' }],
    ['another issuer (JWKS)', () => supabase.signer, { iss: 'https://attacker.supabase.co/auth/v1' }],
    ['no issuer', () => legacy, { iss: undefined }],
    ['another audience', () => legacy, { aud: 'anon' }],
    ['another audience (JWKS)', () => supabase.signer, { aud: 'service_role' }],
  ])('refuses a correctly signed token with %s', async (_case, signer, claims) => {
    const email = aUniqueEmail('claims');
    const token = await aSupabaseToken(signer(), { sub: randomUUID(), email, claims });
    expect(codes(await me(t, { token }))).toEqual(['UNAUTHENTICATED']);
    expect(await countUsers(t, email)).toBe(0);
  });

  it('refuses an HS256 token carrying a kid of the JWKS (no key confusion)', async () => {
    const jwk = await exportJWK((await generateKeyPair('ES256')).publicKey);
    const email = aUniqueEmail('confused');
    const token = await aSupabaseToken(hs256Signer(supabase.issuer, JSON.stringify(jwk)), { sub: randomUUID(), email });
    expect(codes(await me(t, { token }))).toEqual(['UNAUTHENTICATED']);
  });
});

it('refuses Supabase tokens when the app is not configured for Supabase', async () => {
  const plain = await startTestApp();
  try {
    const email = aUniqueEmail('nosupa');
    for (const signer of [legacy, supabase.signer]) {
      const token = await aSupabaseToken(signer, { sub: randomUUID(), email });
      expect(codes(await me(plain, { token }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(await countUsers(plain, email)).toBe(0);
  } finally {
    await plain.stop();
  }
});
