// The database unreachable is an outage, not a bug: SERVICE_UNAVAILABLE with HTTP 503 and
// Retry-After, distinct from INTERNAL_SERVER_ERROR (errors.test.ts), and the API answers
// again once the database is back. Runs on a PostgreSQL server of its own, stopped on purpose.
import { aCustomer } from './support/accounts';
import { codes, startTestApp } from './support/test-app';
import { startOwnPostgres } from './faults/support/own-servers';

it('answers SERVICE_UNAVAILABLE with 503 and Retry-After while PostgreSQL is down, then recovers', async () => {
  const postgres = await startOwnPostgres();
  const t = await startTestApp({ env: { DATABASE_URL: postgres.url } });
  try {
    const customer = await aCustomer(t);
    await postgres.stop();
    const down = await t.gql(`{ me { id email } }`, {}, { token: customer.token });
    expect(down.status).toBe(503);
    expect(codes(down)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(down.errors![0]!.message).toMatch(/try again/);
    expect(JSON.stringify(down.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma/i);

    await postgres.start();
    let back = await t.gql(`{ me { id } }`, {}, { token: customer.token });
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      back = await t.gql(`{ me { id } }`, {}, { token: customer.token });
    }
    expect(back.data).toEqual({ me: { id: customer.id } });
  } finally {
    await t.stop().catch(() => undefined);
    await postgres.close();
  }
}, 60_000);
