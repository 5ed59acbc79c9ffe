// Supabase-issued access tokens map to local users: created on first sight, the same user
// afterwards, and linked to an existing local account with the same email.
import { randomBytes, randomUUID } from 'node:crypto';
import { aCustomer } from './support/accounts';
import { aSupabaseToken, aUniqueEmail, countUsers, me } from './support/identity';
import { codes, startTestApp, type TestApp } from './support/test-app';

const SUPABASE_JWT_SECRET = randomBytes(32).toString('hex');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { SUPABASE_JWT_SECRET } });
});
afterAll(() => t.stop());

it('creates a local user on first sight, named from user_metadata.full_name', async () => {
  const email = aUniqueEmail('supa');
  const token = await aSupabaseToken(SUPABASE_JWT_SECRET, { sub: randomUUID(), email, fullName: 'Sadia Islam' });

  const r = await me(t, { token });
  expect(r.errors).toBeUndefined();
  expect(r.data!.me).toMatchObject({ email, name: 'Sadia Islam', role: 'CUSTOMER', suspended: false });
  expect(await countUsers(t, email)).toBe(1);
});

it('answers with the same user on later calls', async () => {
  const email = aUniqueEmail('again');
  const token = await aSupabaseToken(SUPABASE_JWT_SECRET, { sub: randomUUID(), email, fullName: 'Arif Hossain' });

  const first = await me(t, { token });
  const second = await me(t, { token });
  expect(second.data!.me.id).toBe(first.data!.me.id);
  expect(await countUsers(t, email)).toBe(1);
});

it('links an existing local account with the same email instead of creating another', async () => {
  const local = await aCustomer(t, { name: 'Local Lina' });
  const token = await aSupabaseToken(SUPABASE_JWT_SECRET, {
    sub: randomUUID(),
    email: local.email.toUpperCase(),
    fullName: 'Supabase Lina',
  });

  const r = await me(t, { token });
  expect(r.data!.me).toMatchObject({ id: local.id, email: local.email, name: 'Local Lina' });
  expect(await countUsers(t, local.email)).toBe(1);
});

it('refuses a Supabase token signed with another secret', async () => {
  const token = await aSupabaseToken(randomBytes(32).toString('hex'), { sub: randomUUID(), email: aUniqueEmail('forged') });
  expect(codes(await me(t, { token }))).toEqual(['UNAUTHENTICATED']);
});

it('refuses Supabase tokens when the app has no SUPABASE_JWT_SECRET', async () => {
  const plain = await startTestApp();
  try {
    const email = aUniqueEmail('nosupa');
    const token = await aSupabaseToken(SUPABASE_JWT_SECRET, { sub: randomUUID(), email });
    expect(codes(await me(plain, { token }))).toEqual(['UNAUTHENTICATED']);
    expect(await countUsers(plain, email)).toBe(0);
  } finally {
    await plain.stop();
  }
});
