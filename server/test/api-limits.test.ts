// The per-caller request budget on /graphql, and the operator's /metrics endpoint.
import { aCustomer } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';

const ME = `{ me { id } }`;

describe('API rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_API_PER_MINUTE: '5' } });
  });
  afterAll(() => t.stop());

  it('answers RATE_LIMITED with when to retry once a caller spends its budget, and keeps callers apart', async () => {
    // Registering spends one request of the anonymous (IP) budget.
    const customer = await aCustomer(t);
    const mine = [];
    for (let i = 0; i < 6; i++) mine.push(await t.gql(ME, {}, { token: customer.token }));
    expect(mine.slice(0, 5).every((r) => r.status === 200 && r.data?.me?.id === customer.id)).toBe(true);
    const refused = mine[5]!;
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0]!.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    // The anonymous budget is its own: 4 of 5 left after the sign-up.
    expect((await t.gql(ME)).status).toBe(200);
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics only to the bearer of METRICS_TOKEN', async () => {
    const t = await startTestApp({ env: { METRICS_TOKEN: 'metrics-secret-123' } });
    try {
      await t.gql(ME);
      expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
      const res = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-123' } });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/);
      expect(body).toMatch(/process_cpu_user_seconds_total/);
    } finally {
      await t.stop();
    }
  });

  it('has no metrics endpoint without a token', async () => {
    const t = await startTestApp();
    try {
      expect(await (await fetch(`${t.url}/metrics`)).text()).not.toMatch(/http_request_duration_seconds/);
    } finally {
      await t.stop();
    }
  });
});
