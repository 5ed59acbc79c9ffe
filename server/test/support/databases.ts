// Each test app gets a database of its own, copied from a migrated template (fast),
// on the PostgreSQL server CI starts. Nothing is shared between tests.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migratePostgres } from '../../src/infra/database/postgres';
import { migrationsDir } from '../../src/infra/database/migrations';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function urlFor(database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

function templateName(): string {
  const dir = migrationsDir();
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    try {
      hash.update(name).update(readFileSync(join(dir, name, 'migration.sql')));
    } catch {
      // not a migration folder
    }
  }
  return `homeser_template_${hash.digest('hex').slice(0, 12)}`;
}

async function withAdmin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template once per migration set (called from Jest's global setup). */
export async function ensureTemplate(): Promise<string> {
  const name = templateName();
  const exists = await withAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  if (!exists) {
    const building = `${name}_building_${randomBytes(3).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${building}`));
    await migratePostgres(urlFor(building));
    await withAdmin(async (c) => {
      const again = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
      if (again) await c.query(`DROP DATABASE ${building}`);
      else await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    });
  }
  return name;
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated, empty database; returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateName();
  const name = `homeser_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: urlFor(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A database set up as a Supabase project is before our migrations run: the anon,
 * authenticated and service_role roles, with Supabase's default privileges (ALL on every
 * table, sequence and function created in public), then migrated.
 */
export async function createSupabaseLikeDatabase(): Promise<TestDatabase> {
  const name = `homeser_s_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const client = new pg.Client({ connectionString: urlFor(name) });
  await client.connect();
  try {
    await client.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN CREATE ROLE anon NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN CREATE ROLE service_role NOLOGIN BYPASSRLS; END IF;
      EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; -- another test created them at the same moment
      END $$;
      GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;`);
  } finally {
    await client.end();
  }
  await migratePostgres(urlFor(name));
  return {
    url: urlFor(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
