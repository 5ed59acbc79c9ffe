// Every setting the server reads, parsed and checked once. Nothing else reads process.env.
// A bad value stops the start with a message naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined || v === '') return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    )
    .transform((v) => (v ? v : undefined));

const text = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(4000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:']),
  WEB_ORIGINS: z.string().default(''),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: z.string().default('homeser:'),
  // Empty counts as unset, so `.env.example`'s `JWT_SECRET=` means "generate one" in development.
  JWT_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SUPABASE_URL: url(['http:', 'https:']),
  SUPABASE_SERVICE_ROLE_KEY: text,
  SUPABASE_JWT_SECRET: text,
  SSLCOMMERZ_STORE_ID: text,
  SSLCOMMERZ_STORE_PASSWORD: text,
  SSLCOMMERZ_LIVE: bool(false),
  SSLCOMMERZ_BASE_URL: url(['http:', 'https:']),
  SSLCOMMERZ_TIMEOUT_MS: int(10000, 100, 120000),
  // Only "builtin": take payments on the built-in sandbox on purpose (required for that in production).
  PAYMENTS_SANDBOX: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.enum(['builtin'], { message: 'must be "builtin" or unset' }).optional()),
  CLOUDINARY_URL: url(['cloudinary:']),
  CLOUDINARY_UPLOAD_PREFIX: url(['http:', 'https:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().default('HomeSer <no-reply@homeser.test>'),
  EMAIL_SEND_SECONDS: int(5, 1, 3600),
  EMAIL_MAX_ATTEMPTS: int(8, 1, 100),
  EMAIL_RETRY_BASE_SECONDS: int(30, 1, 86400),
  METRICS_TOKEN: text,
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_LOGIN_PER_IP: int(30, 1, 100000),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: int(10, 1, 100000),
  RATE_LIMIT_API_PER_MINUTE: int(600, 1, 10000000),
  CACHE_TTL_SECONDS: int(60, 0, 86400),
  // Off only to measure what is behind it (bench/): every request then reaches Express and Apollo.
  EDGE_CACHE_ENABLED: bool(true),
  EDGE_SLOTS_TTL_SECONDS: int(10, 0, 3600),
  BOOKING_HOLD_MINUTES: int(15, 1, 1440),
  BOOKING_ANSWER_HOURS: int(24, 1, 720),
  BOOKING_SWEEP_SECONDS: int(30, 1, 3600),
  BOOKING_HOLD_WARNING_MINUTES: int(5, 1, 1440),
  BOOKING_REMINDER_HOURS: int(24, 1, 168),
  CANCELLATION_FULL_REFUND_HOURS: int(24, 0, 8760),
  PAYMENT_RECONCILE_MINUTES: int(10, 1, 1440),
  CHANGE_EVENT_RETENTION_HOURS: int(72, 1, 8760),
  SEED_DEMO_DATA: bool(true),
  SHUTDOWN_DELAY_SECONDS: int(-1, 0, 300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: pretty, coloured lines when stdout is a terminal, JSON lines otherwise.
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
});

export type Env = Record<string, string | undefined>;
type ParsedEnv = z.output<typeof envSchema>;

// Settings that are fine alone but not together, or not in production.
function unsafeCombinations(e: ParsedEnv): string[] {
  const out: string[] = [];
  const store = Boolean(e.SSLCOMMERZ_STORE_ID);
  if (store !== Boolean(e.SSLCOMMERZ_STORE_PASSWORD)) out.push('SSLCOMMERZ_STORE_ID and SSLCOMMERZ_STORE_PASSWORD must be set together');
  if (store && e.PAYMENTS_SANDBOX) out.push('PAYMENTS_SANDBOX=builtin and an SSLCOMMERZ_STORE_ID are set: choose one');
  // Supabase tokens are checked against their issuer, <SUPABASE_URL>/auth/v1.
  if (e.SUPABASE_JWT_SECRET && !e.SUPABASE_URL) out.push('SUPABASE_JWT_SECRET needs SUPABASE_URL, the project whose tokens it signs');
  if (e.DATABASE_URL && isTransactionPooler(e.DATABASE_URL)) {
    out.push(
      'DATABASE_URL: a transaction pooler (port 6543 or pgbouncer=true) cannot hold LISTEN or advisory locks, ' +
        'which the change feed needs; use a direct or session-mode connection (Supabase: the direct URL, or the session pooler on port 5432)',
    );
  }
  if (e.NODE_ENV !== 'production') return out;
  if (!store && !e.PAYMENTS_SANDBOX) {
    out.push(
      'SSLCOMMERZ_STORE_ID: NODE_ENV=production needs a real SSLCommerz store (SSLCOMMERZ_STORE_ID and SSLCOMMERZ_STORE_PASSWORD); ' +
        'set PAYMENTS_SANDBOX=builtin only to take fake payments on purpose',
    );
  }
  // A secret generated into the data folder is one instance's own and lost with the container.
  if (!e.JWT_SECRET) out.push('JWT_SECRET: required when NODE_ENV=production (e.g. openssl rand -hex 32)');
  return out;
}

export class ConfigError extends Error {}

/** Reads `.env` from the working directory when there is one; variables already set win. */
export function loadEnvFile(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(env: Env = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const refusals = unsafeCombinations(e);
  if (refusals.length) throw new ConfigError(`Invalid configuration:\n${refusals.map((r) => `  ${r}`).join('\n')}`);
  const dataDir = e.DATA_DIR.startsWith('memory://') ? e.DATA_DIR : resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    webOrigins: e.WEB_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    dataDir,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    jwtSecret: e.JWT_SECRET ?? persistedSecret(dataDir.startsWith('memory://') ? resolve('.data') : dataDir),
    supabase: { url: e.SUPABASE_URL, serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY, jwtSecret: e.SUPABASE_JWT_SECRET },
    sslcommerz: {
      storeId: e.SSLCOMMERZ_STORE_ID,
      storePassword: e.SSLCOMMERZ_STORE_PASSWORD,
      live: e.SSLCOMMERZ_LIVE,
      baseUrl: e.SSLCOMMERZ_BASE_URL,
      timeoutMs: e.SSLCOMMERZ_TIMEOUT_MS,
    },
    cloudinary: { url: e.CLOUDINARY_URL, uploadPrefix: e.CLOUDINARY_UPLOAD_PREFIX },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      sendEverySeconds: e.EMAIL_SEND_SECONDS,
      maxAttempts: e.EMAIL_MAX_ATTEMPTS,
      retryBaseSeconds: e.EMAIL_RETRY_BASE_SECONDS,
    },
    metricsToken: e.METRICS_TOKEN,
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP,
      loginPerAccount: e.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      apiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
    },
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    edgeCacheEnabled: e.EDGE_CACHE_ENABLED,
    edgeSlotsTtlSeconds: e.EDGE_SLOTS_TTL_SECONDS,
    bookings: {
      holdMinutes: e.BOOKING_HOLD_MINUTES,
      answerHours: e.BOOKING_ANSWER_HOURS,
      sweepSeconds: e.BOOKING_SWEEP_SECONDS,
      holdWarningMinutes: e.BOOKING_HOLD_WARNING_MINUTES,
      reminderHours: e.BOOKING_REMINDER_HOURS,
      fullRefundHours: e.CANCELLATION_FULL_REFUND_HOURS,
    },
    payments: { reconcileAfterMinutes: e.PAYMENT_RECONCILE_MINUTES },
    changeEventRetentionHours: e.CHANGE_EVENT_RETENTION_HOURS,
    seedDemoData: e.SEED_DEMO_DATA,
    // How long /readyz says 503 before a stop closes anything; default 5 in production, 0 elsewhere.
    shutdownDelaySeconds: e.SHUTDOWN_DELAY_SECONDS >= 0 ? e.SHUTDOWN_DELAY_SECONDS : e.NODE_ENV === 'production' ? 5 : 0,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}

export type Config = ReturnType<typeof loadConfig>;

// Supabase's transaction pooler listens on 6543; PgBouncer URLs for Prisma carry pgbouncer=true.
function isTransactionPooler(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  return url.port === '6543' || url.searchParams.get('pgbouncer') === 'true';
}

// The embedded default (never production): a secret generated on first start and kept with the data.
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
