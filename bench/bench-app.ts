// The app the benchmarks measure, in process: production mode, a fresh test database, its own
// data folder and Redis prefix, quiet logs, no demo data, and rate limits off (one client on
// 127.0.0.1 sends everything). Call ensureTemplate() once before the first start.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createTestDatabase, testRedisUrl } from '../server/test/support/databases';
import type { TestApp } from '../server/test/support/test-app';

export interface BenchApp {
  app: App;
  /** Stops the app, drops its database and removes its data folder. */
  stop: () => Promise<void>;
}

/** Starts the app with the bench settings; `env` adds or overrides settings (e.g. CACHE_TTL_SECONDS). */
export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'homeser-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: `bench:${randomBytes(4).toString('hex')}:`,
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    PAYMENTS_SANDBOX: 'builtin', // production mode, no store: the sandbox on purpose
    ...env,
  });
  const app = await startApp(config);
  return {
    app,
    stop: async () => {
      await app.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The running bench app as the test builders (server/test/support) take it: GraphQL over HTTP like any client. */
export function asTestApp(bench: BenchApp): TestApp {
  const { app } = bench;
  const gql: TestApp['gql'] = async (query, variables, opts = {}) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: never; errors?: [] };
    return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
  };
  return { url: app.url, app, gql, stop: bench.stop };
}
