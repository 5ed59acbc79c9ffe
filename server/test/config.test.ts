// Configuration is checked once, at start: a bad value stops the server with a message
// that names the variable, before anything is opened.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

// Every loadConfig below that succeeds gets a JWT_SECRET, so none writes a secret file.
const JWT_SECRET = randomBytes(32).toString('hex');

function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

it('refuses a DATABASE_URL that is not a PostgreSQL URL', () => {
  expect(configErrorOf({ DATABASE_URL: 'not-a-url' })).toMatch(
    /DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//,
  );
});

it('refuses a PORT that is not a number, quoting the value', () => {
  expect(configErrorOf({ PORT: 'abc' })).toMatch(/PORT: must be a whole number from 0 to 65535, got "abc"/);
  expect(configErrorOf({ PORT: '70000' })).toMatch(/PORT:/);
});

it('refuses a REDIS_URL with another scheme', () => {
  expect(configErrorOf({ REDIS_URL: 'http://127.0.0.1:6379' })).toMatch(/REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//);
});

it('refuses SSLCommerz credentials set by half', () => {
  expect(configErrorOf({ JWT_SECRET, SSLCOMMERZ_STORE_ID: 'store123' })).toMatch(
    /SSLCOMMERZ_STORE_ID and SSLCOMMERZ_STORE_PASSWORD must be set together/,
  );
  expect(configErrorOf({ JWT_SECRET, SSLCOMMERZ_STORE_PASSWORD: 'secret' })).toMatch(/SSLCOMMERZ_STORE_ID and SSLCOMMERZ_STORE_PASSWORD/);
});

it('refuses SUPABASE_JWT_SECRET without SUPABASE_URL: tokens are checked against its issuer', () => {
  expect(configErrorOf({ JWT_SECRET, SUPABASE_JWT_SECRET: 'legacy-secret' })).toMatch(/SUPABASE_JWT_SECRET needs SUPABASE_URL/);
});

it('names every bad variable at once', () => {
  const message = configErrorOf({ PORT: 'abc', RATE_LIMIT_ENABLED: 'maybe', JWT_SECRET: 'short' });
  expect(message).toMatch(/PORT:/);
  expect(message).toMatch(/RATE_LIMIT_ENABLED: must be true or false/);
  expect(message).toMatch(/JWT_SECRET: must be at least 32 characters/);
});

it('reads a good configuration into typed values', () => {
  const config = loadConfig({
    JWT_SECRET,
    PORT: '5001',
    DATABASE_URL: 'postgresql://app@db.internal:5432/homeser',
    REDIS_URL: 'rediss://cache.internal:6380',
    SSLCOMMERZ_STORE_ID: 'store123',
    SSLCOMMERZ_STORE_PASSWORD: 'secret',
    RATE_LIMIT_ENABLED: 'false',
    WEB_ORIGINS: 'https://homeser.app, https://admin.homeser.app',
  });
  expect(config).toMatchObject({
    port: 5001,
    publicUrl: 'http://localhost:5001',
    database: { url: 'postgresql://app@db.internal:5432/homeser' },
    redis: { url: 'rediss://cache.internal:6380' },
    sslcommerz: { storeId: 'store123', storePassword: 'secret', live: false },
    rateLimit: { enabled: false },
    webOrigins: ['https://homeser.app', 'https://admin.homeser.app'],
    jwtSecret: JWT_SECRET,
  });
});

/** Runs the server with only `vars` set (no DATABASE_URL or other settings leak in); its exit code and stderr. */
async function startProcess(vars: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...vars };
  const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: join(__dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  // Generous: under a loaded CI machine tsx alone can take many seconds to start.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

it('stops the server process quickly, naming the variable, when PORT is bad', async () => {
  const started = Date.now();
  const { code, stderr } = await startProcess({ PORT: 'abc' });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull(); // it exited by itself, not by the timeout above
  expect(stderr).toMatch(/PORT: must be a whole number/);
  expect(stderr).not.toMatch(/\n\s+at /); // a message for a person, not a stack trace
  expect(Date.now() - started).toBeLessThan(60_000);
}, 90_000);

describe('in production', () => {
  const store = { SSLCOMMERZ_STORE_ID: 'store123', SSLCOMMERZ_STORE_PASSWORD: 'secret' };

  it('refuses to start without a real SSLCommerz store unless the sandbox is chosen on purpose', () => {
    const message = configErrorOf({ NODE_ENV: 'production', JWT_SECRET });
    expect(message).toMatch(/SSLCOMMERZ_STORE_ID: NODE_ENV=production needs a real SSLCommerz store/);
    expect(message).toMatch(/PAYMENTS_SANDBOX=builtin/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET, PAYMENTS_SANDBOX: 'builtin' }).sslcommerz.storeId).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET, ...store }).sslcommerz.storeId).toBe('store123');
  });

  it('refuses to start without JWT_SECRET: instances must accept each other’s tokens', () => {
    expect(configErrorOf({ NODE_ENV: 'production', ...store })).toMatch(/JWT_SECRET: required when NODE_ENV=production/);
  });

  it('refuses a store and the built-in sandbox together, and a PAYMENTS_SANDBOX other than builtin', () => {
    expect(configErrorOf({ JWT_SECRET, PAYMENTS_SANDBOX: 'builtin', ...store })).toMatch(
      /PAYMENTS_SANDBOX=builtin and an SSLCOMMERZ_STORE_ID/,
    );
    expect(configErrorOf({ JWT_SECRET, PAYMENTS_SANDBOX: 'yes' })).toMatch(/PAYMENTS_SANDBOX: must be "builtin" or unset/);
  });

  it('stops the server process, naming both, when nothing is configured', async () => {
    const { code, stderr } = await startProcess({ NODE_ENV: 'production', DATA_DIR: 'memory://' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/SSLCOMMERZ_STORE_ID: NODE_ENV=production needs a real SSLCommerz store/);
    expect(stderr).toMatch(/JWT_SECRET: required/);
  }, 90_000);
});
