// The analytics read model: aggregate, read-only SQL over bookings, payments, refunds and
// users. This is the one read-side exception to "modules talk through services": going
// through each module's service would load every row to add it up in JavaScript. It
// never writes, and it reads columns whose meaning the payments and bookings modules own:
//   revenue  = Σ (amount − refunded_amount) of payments PAID or later (refund states), in
//              BDT, by paid_at; so a payment paid in the window counts net of its refunds.
//   refunded = Σ amount of REFUNDED refunds of BDT payments, by the refund's created_at
//              (when it was granted; a finished refund row is not touched again).
//   bookings = bookings by starts_at.
// Local dates come from `AT TIME ZONE` in the requested zone.
import { Prisma } from '../../generated/prisma/client';
import type { BookingStatus } from '../../generated/prisma/enums';
import type { Db } from '../../infra/database';

export const CURRENCY = 'BDT';
const TOP_PROVIDERS = 5;

export interface Scope {
  from: Date;
  to: Date;
  timeZone: string;
  /** null: the whole platform. */
  providerId: string | null;
}

export interface ProviderTotals {
  providerId: string;
  bookings: number;
  revenue: number;
}

type Numeric = number | bigint | string;

const inWindow = (column: Prisma.Sql, s: Scope) => Prisma.sql`${column} >= ${s.from}::timestamptz AND ${column} < ${s.to}::timestamptz`;
const ofProvider = (s: Scope) => (s.providerId ? Prisma.sql`AND b.provider_id = ${s.providerId}::uuid` : Prisma.empty);
const localDay = (column: Prisma.Sql, s: Scope) => Prisma.sql`to_char(${column} AT TIME ZONE ${s.timeZone}::text, 'YYYY-MM-DD')`;
const paid = (s: Scope) => Prisma.sql`
  p.status IN ('PAID', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED') AND p.currency = ${CURRENCY}
  AND ${inWindow(Prisma.sql`p.paid_at`, s)} ${ofProvider(s)}`;

export class AnalyticsReadModel {
  constructor(private readonly prisma: Db) {}

  async bookingsByStatus(s: Scope): Promise<Map<BookingStatus, number>> {
    const rows = await this.prisma.$queryRaw<{ status: BookingStatus; count: number }[]>`
      SELECT b.status::text AS status, count(*)::int AS count FROM booking b
      WHERE ${inWindow(Prisma.sql`b.starts_at`, s)} ${ofProvider(s)}
      GROUP BY b.status`;
    return new Map(rows.map((r) => [r.status, r.count]));
  }

  async bookingsByDay(s: Scope): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<{ day: string; count: number }[]>`
      SELECT ${localDay(Prisma.sql`b.starts_at`, s)} AS day, count(*)::int AS count FROM booking b
      WHERE ${inWindow(Prisma.sql`b.starts_at`, s)} ${ofProvider(s)}
      GROUP BY 1`;
    return new Map(rows.map((r) => [r.day, r.count]));
  }

  async revenueByDay(s: Scope): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<{ day: string; net: Numeric }[]>`
      SELECT ${localDay(Prisma.sql`p.paid_at`, s)} AS day, sum(p.amount - p.refunded_amount)::bigint AS net
      FROM payment p JOIN booking b ON b.id = p.booking_id
      WHERE ${paid(s)}
      GROUP BY 1`;
    return new Map(rows.map((r) => [r.day, Number(r.net)]));
  }

  async refunded(s: Scope): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ total: Numeric }[]>`
      SELECT coalesce(sum(r.amount), 0)::bigint AS total
      FROM refund r JOIN payment p ON p.id = r.payment_id JOIN booking b ON b.id = p.booking_id
      WHERE r.status = 'REFUNDED' AND p.currency = ${CURRENCY} AND ${inWindow(Prisma.sql`r.created_at`, s)} ${ofProvider(s)}`;
    return Number(row?.total ?? 0);
  }

  /** By net revenue, then bookings; providers with either in the window. */
  async topProviders(s: Scope): Promise<ProviderTotals[]> {
    const rows = await this.prisma.$queryRaw<{ provider_id: string; bookings: number; revenue: Numeric }[]>`
      WITH rev AS (
        SELECT b.provider_id, sum(p.amount - p.refunded_amount) AS revenue
        FROM payment p JOIN booking b ON b.id = p.booking_id
        WHERE ${paid(s)}
        GROUP BY b.provider_id),
      cnt AS (
        SELECT b.provider_id, count(*) AS bookings FROM booking b
        WHERE ${inWindow(Prisma.sql`b.starts_at`, s)} ${ofProvider(s)}
        GROUP BY b.provider_id)
      SELECT coalesce(rev.provider_id, cnt.provider_id)::text AS provider_id,
             coalesce(cnt.bookings, 0)::int AS bookings, coalesce(rev.revenue, 0)::bigint AS revenue
      FROM rev FULL JOIN cnt ON cnt.provider_id = rev.provider_id
      ORDER BY 3 DESC, 2 DESC, 1
      LIMIT ${TOP_PROVIDERS}::int`;
    return rows.map((r) => ({ providerId: r.provider_id, bookings: r.bookings, revenue: Number(r.revenue) }));
  }

  /** Accounts opened in the window, by their role now. */
  async newUsers(s: Scope): Promise<{ customers: number; providers: number }> {
    const [row] = await this.prisma.$queryRaw<{ customers: number; providers: number }[]>`
      SELECT count(*) FILTER (WHERE role = 'CUSTOMER')::int AS customers, count(*) FILTER (WHERE role = 'PROVIDER')::int AS providers
      FROM app_user WHERE ${inWindow(Prisma.sql`created_at`, s)}`;
    return row ?? { customers: 0, providers: 0 };
  }

  /** Customers whose first booking with the provider (any status) was made in the window. */
  async newCustomersOf(s: Scope & { providerId: string }): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM (
        SELECT b.customer_id FROM booking b WHERE b.provider_id = ${s.providerId}::uuid
        GROUP BY b.customer_id
        HAVING ${inWindow(Prisma.sql`min(b.created_at)`, s)}) firsts`;
    return row?.count ?? 0;
  }
}
