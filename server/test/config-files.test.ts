// Configuration as an operator writes it: `.env.example` copied as is, a `.env` beside the
// process, production settings, and DATABASE_URLs that cannot carry the change feed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';

const repo = join(__dirname, '..', '..');
const example = parseEnv(readFileSync(join(repo, '.env.example'), 'utf8'));
const POOLER = 'postgresql://postgres.abc:pw@aws-0-ap-south-1.pooler.supabase.com:6543/postgres';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'homeser-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

it('accepts .env.example as it is (only the data folder moved out of the repository)', () => {
  const config = loadConfig({ ...example, DATA_DIR: dir });
  expect(config).toMatchObject({ env: 'development', port: 4000, database: { url: undefined }, redis: { url: undefined } });
  // JWT_SECRET= is empty there: a secret is generated and kept with the data.
  expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
});

it('requires a JWT_SECRET in production, so tokens survive a new container', () => {
  expect(refusal({ ...example, DATA_DIR: dir, NODE_ENV: 'production' })).toMatch(/JWT_SECRET: required when NODE_ENV=production/);
  expect(loadConfig({ ...example, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), PAYMENTS_SANDBOX: 'builtin' }).jwtSecret).toBe(
    'p'.repeat(40),
  );
});

it('refuses a transaction-pooler DATABASE_URL, saying what to use instead', () => {
  const secret = { JWT_SECRET: 'x'.repeat(40) };
  expect(refusal({ ...secret, DATABASE_URL: POOLER })).toMatch(/DATABASE_URL: a transaction pooler .* session-mode connection/);
  expect(refusal({ ...secret, DATABASE_URL: 'postgresql://app@pgbouncer.internal:5432/homeser?pgbouncer=true' })).toMatch(
    /transaction pooler/,
  );
  // Supabase's direct connection and its session pooler (5432) hold LISTEN and advisory locks.
  expect(loadConfig({ ...secret, DATABASE_URL: POOLER.replace(':6543', ':5432') }).database.url).toContain(':5432');
  expect(loadConfig({ ...secret, DATABASE_URL: 'postgresql://postgres:pw@db.abc.supabase.co:5432/postgres' }).database.url).toBeTruthy();
});

it('stops at start when the .env beside it names a transaction pooler', async () => {
  writeFileSync(join(dir, '.env'), `DATABASE_URL=${POOLER}\nJWT_SECRET=${'x'.repeat(40)}\n`);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TSX_TSCONFIG_PATH: join(repo, 'server', 'tsconfig.json') };
  const child = spawn(process.execPath, ['--import', require.resolve('tsx'), join(repo, 'server', 'src', 'main.ts')], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  expect(stderr).toMatch(/DATABASE_URL: a transaction pooler \(port 6543 or pgbouncer=true\)/);
  expect(code).toBe(78);
}, 30_000);
