// The migration files on both backends: they apply to an empty database, record
// themselves, and the rules they install (the exclusion constraint against double
// booking, the change-feed trigger) hold for rows written by plain SQL.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { PgError, sqlState } from '../src/infra/database';
import { migrationsDir } from '../src/infra/database/migrations';
import { openPglite } from '../src/infra/database/pglite';
import { migratePostgres } from '../src/infra/database/postgres';
import { adminUrl, urlFor } from './support/databases';
import { aBookingRow, aProviderRow, aServiceRow, aUserRow, type BookingStatus, type Sql } from './support/sql-rows';

const migrationNames = () =>
  readdirSync(migrationsDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

/** An empty database (not the test template): nothing in it but what PostgreSQL puts there. */
async function anEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `homeser_mig_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { url: urlFor(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

interface Backend {
  sql: Sql;
  close(): Promise<void>;
}

async function migratedPostgres(): Promise<Backend> {
  const db = await anEmptyPostgresDatabase();
  await migratePostgres(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    sql: async (text, params) => (await client.query(text, params)).rows,
    close: async () => {
      await client.end();
      await db.drop();
    },
  };
}

async function migratedPglite(): Promise<Backend> {
  const db = await openPglite('memory://');
  return { sql: (text, params = []) => db.prisma.$queryRawUnsafe(text, ...params), close: () => db.close() };
}

async function sqlStateOf(attempt: Promise<unknown>): Promise<string | undefined> {
  try {
    await attempt;
    return 'no error';
  } catch (err) {
    return sqlState(err);
  }
}

describe('migrations on PostgreSQL', () => {
  it('apply to an empty database, record themselves, and do nothing the second time', async () => {
    const db = await anEmptyPostgresDatabase();
    try {
      expect(await migratePostgres(db.url)).toEqual(migrationNames());
      expect(await migratePostgres(db.url)).toEqual([]);

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client
        .query(`SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`)
        .finally(() => client.end());
      expect(rows.map((r) => r.migration_name)).toEqual(migrationNames());
      expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    } finally {
      await db.drop();
    }
  });
});

describe('migrations on PGlite', () => {
  it('apply to an in-memory database and record themselves', async () => {
    const db = await openPglite('memory://');
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(migrationNames());
    } finally {
      await db.close();
    }
  });
});

describe.each([
  ['PostgreSQL', migratedPostgres],
  ['PGlite', migratedPglite],
])('the database rules on %s', (_name, open) => {
  let db: Backend;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  /** A provider with one service (buffer in minutes) and a customer: each test books on its own provider. */
  async function aProviderWithService(bufferMinutes = 0) {
    const providerId = await aProviderRow(db.sql);
    const serviceId = await aServiceRow(db.sql, providerId, bufferMinutes);
    const customerId = await aUserRow(db.sql, 'Row Customer');
    const book = (startsAt: string, endsAt: string, blockedUntil = endsAt, status: BookingStatus = 'CONFIRMED') =>
      aBookingRow(db.sql, { serviceId, providerId, customerId, startsAt, endsAt, blockedUntil, status });
    return { providerId, book };
  }

  it('refuses a holding booking that overlaps another of the same provider (23P01)', async () => {
    const { book } = await aProviderWithService();
    await book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z', undefined, 'PENDING_PAYMENT');

    expect(await sqlStateOf(book('2030-03-04T10:30:00Z', '2030-03-04T11:30:00Z', undefined, 'REQUESTED'))).toBe(PgError.exclusionViolation);
  });

  it('accepts the overlapping booking once the first is cancelled', async () => {
    const { book } = await aProviderWithService();
    const first = await book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z');
    await db.sql(`UPDATE booking SET status = 'CANCELLED' WHERE id = $1::uuid`, [first]);

    await expect(book('2030-03-04T10:30:00Z', '2030-03-04T11:30:00Z')).resolves.toEqual(expect.any(String));
  });

  it('keeps the service buffer after a booking blocked (blocked_until), and frees the slot from its end', async () => {
    const { book } = await aProviderWithService(30);
    await book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z', '2030-03-04T11:30:00Z');

    expect(await sqlStateOf(book('2030-03-04T11:15:00Z', '2030-03-04T12:15:00Z', '2030-03-04T12:45:00Z'))).toBe(PgError.exclusionViolation);
    await expect(book('2030-03-04T11:30:00Z', '2030-03-04T12:30:00Z', '2030-03-04T13:00:00Z')).resolves.toEqual(expect.any(String));
  });

  it('lets two providers be booked for the same time', async () => {
    const one = await aProviderWithService();
    const other = await aProviderWithService();
    await one.book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z');

    await expect(other.book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z')).resolves.toEqual(expect.any(String));
  });

  it("appends a change_event when a booking is inserted, stamped with the insert's transaction", async () => {
    const { providerId, book } = await aProviderWithService();
    const bookingId = await book('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z');

    // xid(tx) = xmin: the event row was written by the transaction that wrote the booking.
    const events = await db.sql<{ op: string; provider_id: string; status: string; position: string | null; same_tx: boolean }>(
      `SELECT e.op, e.provider_id::text AS provider_id, e.payload->>'status' AS status, e.position::text AS position,
              xid(e.tx) = b.xmin AS same_tx
         FROM change_event e JOIN booking b ON b.id::text = e.row_id
        WHERE e.table_name = 'booking' AND e.row_id = $1`,
      [bookingId],
    );
    expect(events).toEqual([{ op: 'INSERT', provider_id: providerId, status: 'CONFIRMED', position: null, same_tx: true }]);
  });
});
