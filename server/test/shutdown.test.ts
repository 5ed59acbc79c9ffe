// The server as an operator runs it: a process that stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { createTestDatabase, testRedisUrl } from './support/databases';

const waitFor = async (check: () => Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

it('stops on SIGTERM: finishes, closes its pools and exits 0', async () => {
  const db = await createTestDatabase();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: `${__dirname}/..`,
    env: {
      ...process.env,
      // As operators run it: outside NODE_ENV=test libraries (Apollo) add signal handlers of their own.
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      LOG_LEVEL: 'info',
      JWT_SECRET: 'x'.repeat(40),
      PAYMENTS_SANDBOX: 'builtin',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    expect(await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 30_000)).toBe(true);
    // Hold a lock so a sign-up is provably in flight (blocked on its insert) when SIGTERM arrives.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN; LOCK TABLE app_user IN EXCLUSIVE MODE');
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { register(input: { email: "late@example.test", password: "long-enough-pw", name: "Late" }) { user { id } } }',
      }),
    });
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await blocker.query('COMMIT');
    await blocker.end();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { register: { user: { id: string } } } }).data.register.user.id).toBeTruthy();
    expect(await exited).toBe(0);
    expect(output).toMatch(/stopping/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
    await db.drop();
  }
}, 60_000);
