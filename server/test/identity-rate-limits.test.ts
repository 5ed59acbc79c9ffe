// Login rate limits, switched on here (test apps run with them off), with small budgets:
// per account and per client IP, on Redis (the default in test apps) and in memory.
import { aCustomer, PASSWORD } from './support/accounts';
import { aUniqueEmail, login } from './support/identity';
import { codes, startTestApp, type GqlResult, type TestAppOptions } from './support/test-app';

const limited = (r: GqlResult) => ({ codes: codes(r), retryAfterSeconds: r.errors?.[0]?.extensions?.retryAfterSeconds });
// The app trusts X-Forwarded-For from loopback (a proxy in front), so a test can speak for several clients.
const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

describe.each<[string, TestAppOptions]>([
  ['Redis', {}],
  ['in-memory', { embedded: true }],
])('login rate limits (%s)', (_backend, options) => {
  it('refuses the 4th attempt for one account within the window, even with the right password', async () => {
    const t = await startTestApp({ ...options, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN_PER_ACCOUNT: '3' } });
    try {
      const account = await aCustomer(t);
      for (let i = 0; i < 3; i++) expect(codes(await login(t, account.email, 'wrong-password'))).toEqual(['UNAUTHENTICATED']);

      const fourth = await login(t, account.email, 'wrong-password');
      expect(limited(fourth)).toEqual({ codes: ['RATE_LIMITED'], retryAfterSeconds: expect.any(Number) });
      expect(fourth.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(codes(await login(t, account.email.toUpperCase(), PASSWORD))).toEqual(['RATE_LIMITED']);

      const other = await aCustomer(t);
      expect((await login(t, other.email, PASSWORD)).errors).toBeUndefined();
    } finally {
      await t.stop();
    }
  });

  it('refuses the 4th attempt from one IP within the window, whatever the account', async () => {
    const t = await startTestApp({ ...options, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN_PER_IP: '3' } });
    try {
      const ip = '203.0.113.7';
      for (let i = 0; i < 3; i++)
        expect(codes(await login(t, aUniqueEmail('guess'), 'wrong-password', from(ip)))).toEqual(['UNAUTHENTICATED']);

      const fourth = await login(t, aUniqueEmail('guess'), 'wrong-password', from(ip));
      expect(limited(fourth)).toEqual({ codes: ['RATE_LIMITED'], retryAfterSeconds: expect.any(Number) });
      expect(fourth.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);

      const account = await aCustomer(t);
      expect((await login(t, account.email, PASSWORD, from('198.51.100.20'))).errors).toBeUndefined();
    } finally {
      await t.stop();
    }
  });
});

it('does not limit logins when RATE_LIMIT_ENABLED is false (the test default)', async () => {
  const t = await startTestApp({ env: { RATE_LIMIT_LOGIN_PER_ACCOUNT: '1', RATE_LIMIT_LOGIN_PER_IP: '1' } });
  try {
    const account = await aCustomer(t);
    for (let i = 0; i < 3; i++) expect(codes(await login(t, account.email, 'wrong-password'))).toEqual(['UNAUTHENTICATED']);
    expect((await login(t, account.email, PASSWORD)).errors).toBeUndefined();
  } finally {
    await t.stop();
  }
});
