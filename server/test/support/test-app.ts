// Starts the real app on an ephemeral port against a fresh database of its own, and
// talks to it over HTTP like any client. Real PostgreSQL and Redis unless `embedded`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/infra/logger';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './databases';

// Test responses are read field by field; typing every query's shape would only restate it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyData = Record<string, any>;

export interface GqlResult<T = AnyData> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
  headers: Headers;
}

export interface GqlOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  url: string;
  app: App;
  gql<T = AnyData>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** PGlite in memory and in-process cache/pub-sub instead of PostgreSQL and Redis. */
  embedded?: boolean;
  env?: Record<string, string>;
  /** The app's logger (default: one at TEST_LOG_LEVEL, silent unless set). */
  log?: Logger;
  /** A database prepared by the test (e.g. createSupabaseLikeDatabase); dropped on stop. */
  database?: TestDatabase;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.embedded ? null : (options.database ?? (await createTestDatabase()));
  const dataDir = mkdtempSync(join(tmpdir(), 'homeser-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: options.embedded ? 'memory://' : dataDir,
    DATABASE_URL: database?.url,
    REDIS_URL: options.embedded ? undefined : testRedisUrl,
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    // Tests fire many requests from 127.0.0.1; the rate-limit tests turn this back on.
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
    ...options.env,
  });
  const app = await startApp(config, { log: options.log });
  const gql: TestApp['gql'] = async (query, variables, opts = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers.authorization = `ApiKey ${opts.apiKey}`;
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: never; errors?: GqlResult['errors'] };
    return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
  };
  return {
    url: app.url,
    app,
    gql,
    async stop() {
      await app.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error codes of a response, for compact assertions. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
