// Rows written by raw SQL, for tests of what the database itself enforces (constraints,
// triggers) with no service in between. Works on PostgreSQL and PGlite alike.
import { randomBytes } from 'node:crypto';

/** Runs one statement with $n parameters and returns its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export type BookingStatus = 'REQUESTED' | 'PENDING_PAYMENT' | 'CONFIRMED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

const unique = () => randomBytes(4).toString('hex');

async function idOf(sql: Sql, text: string, params: unknown[]): Promise<string> {
  const [row] = await sql<{ id: string }>(text, params);
  return row!.id;
}

export const aUserRow = (sql: Sql, name = 'Row User') =>
  idOf(sql, `INSERT INTO app_user (email, name, updated_at) VALUES ($1, $2, now()) RETURNING id::text AS id`, [
    `u-${unique()}@example.test`,
    name,
  ]);

export async function aProviderRow(sql: Sql): Promise<string> {
  const userId = await aUserRow(sql, 'Row Provider');
  return idOf(
    sql,
    `INSERT INTO provider (user_id, business_name, time_zone, updated_at) VALUES ($1::uuid, $2, 'Asia/Dhaka', now()) RETURNING id::text AS id`,
    [userId, `Business ${unique()}`],
  );
}

/** A service of the provider, 60 minutes long, with `bufferMinutes` blocked after each booking. */
export async function aServiceRow(sql: Sql, providerId: string, bufferMinutes = 0): Promise<string> {
  const categoryId = await idOf(sql, `INSERT INTO category (slug, name) VALUES ($1, 'Cleaning') RETURNING id::text AS id`, [
    `cleaning-${unique()}`,
  ]);
  return idOf(
    sql,
    `INSERT INTO service (provider_id, category_id, title, description, price_amount, duration_minutes, buffer_minutes, updated_at)
     VALUES ($1::uuid, $2::uuid, 'Deep cleaning', 'Two rooms', 150000, 60, $3::int, now()) RETURNING id::text AS id`,
    [providerId, categoryId, bufferMinutes],
  );
}

export interface BookingRow {
  serviceId: string;
  providerId: string;
  customerId: string;
  startsAt: string;
  endsAt: string;
  /** endsAt plus the service's buffer. */
  blockedUntil: string;
  status: BookingStatus;
}

export const aBookingRow = (sql: Sql, b: BookingRow) =>
  idOf(
    sql,
    `INSERT INTO booking (service_id, provider_id, customer_id, starts_at, ends_at, blocked_until, status, price_amount, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5::timestamptz, $6::timestamptz, $7::"BookingStatus", 150000, now())
     RETURNING id::text AS id`,
    [b.serviceId, b.providerId, b.customerId, b.startsAt, b.endsAt, b.blockedUntil, b.status],
  );
