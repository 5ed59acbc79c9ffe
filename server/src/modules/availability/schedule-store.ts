// The availability tables, read and written: weekly rules, dated exceptions, and the
// holding bookings that make a provider busy. Nothing here decides anything.
import { Prisma, type AvailabilityException as ExceptionRow, type AvailabilityRule as RuleRow } from '../../generated/prisma/client';
import type { BookingStatus } from '../../generated/prisma/enums';
import type { Db, PreparedStatements } from '../../infra/database';
import type { ExceptionInput, RuleInput } from './availability-input';
import type { DateException, WeeklyRule } from './slot-calculator';

/** The statuses that hold a slot; the same list as the booking_no_overlap constraint's. */
export const HOLDING_STATUSES: BookingStatus[] = ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'];

const MS_PER_DAY = 86_400_000;

/** The provider's own hours around a window: weekly rules and dated exceptions. */
export interface ProviderCalendar {
  rules: WeeklyRule[];
  exceptions: DateException[];
}

/** A @db.Date value (UTC midnight) as the provider's local date string. */
export const dateString = (d: Date) => d.toISOString().slice(0, 10);
const dateValue = (s: string) => new Date(`${s}T00:00:00Z`);

export const toDateException = (e: ExceptionRow): DateException => ({
  date: dateString(e.date),
  kind: e.kind,
  startMinute: e.startMinute,
  endMinute: e.endMinute,
});

/**
 * The columns `rules` and `exceptions` (JSON, a ProviderCalendar) for slots starting in
 * [from, to), for a statement that may read more beside them. Local dates of any zone lie
 * within a day of the UTC ones, and the calculator looks two days further: three days
 * either side covers both.
 */
export function calendarColumns(providerId: string, from: Date, to: Date): Prisma.Sql {
  const [firstDate, lastDate] = [
    dateString(new Date(from.getTime() - 3 * MS_PER_DAY)),
    dateString(new Date(to.getTime() + 3 * MS_PER_DAY)),
  ];
  return Prisma.sql`
    (SELECT coalesce(json_agg(json_build_object('weekday', weekday, 'startMinute', start_minute, 'endMinute', end_minute)), '[]'::json)
       FROM availability_rule WHERE provider_id = ${providerId}::uuid) AS rules,
    (SELECT coalesce(json_agg(json_build_object(
              'date', to_char(date, 'YYYY-MM-DD'), 'kind', kind, 'startMinute', start_minute, 'endMinute', end_minute)), '[]'::json)
       FROM availability_exception
       WHERE provider_id = ${providerId}::uuid AND date BETWEEN ${firstDate}::date AND ${lastDate}::date) AS exceptions`;
}

export class ScheduleStore {
  constructor(
    private readonly prisma: Db,
    private readonly reads: PreparedStatements,
  ) {}

  rules(providerId: string): Promise<RuleRow[]> {
    return this.prisma.availabilityRule.findMany({ where: { providerId }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] });
  }

  /** Exceptions whose local date lies in [fromDate, toDate] (either bound optional). */
  exceptions(providerId: string, fromDate: string | null, toDate: string | null): Promise<ExceptionRow[]> {
    return this.prisma.availabilityException.findMany({
      where: { providerId, date: { ...(fromDate && { gte: dateValue(fromDate) }), ...(toDate && { lte: dateValue(toDate) }) } },
      orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    });
  }

  /** Rules and exceptions for slots starting in [from, to) (see calendarColumns). */
  async calendar(providerId: string, from: Date, to: Date): Promise<ProviderCalendar> {
    // One round trip instead of two, prepared (this is the cold path of availableSlots).
    const [row] = await this.reads.prepared<ProviderCalendar>(Prisma.sql`SELECT ${calendarColumns(providerId, from, to)}`);
    return row!;
  }

  /** calendar() for many providers at once (the catalog filter), by provider id; every id is present. */
  async calendars(providerIds: string[], from: Date, to: Date): Promise<Map<string, ProviderCalendar>> {
    const calendars = new Map<string, ProviderCalendar>(providerIds.map((id) => [id, { rules: [], exceptions: [] }]));
    if (!providerIds.length) return calendars;
    const [rules, exceptions] = await Promise.all([
      this.prisma.availabilityRule.findMany({ where: { providerId: { in: providerIds } } }),
      this.prisma.availabilityException.findMany({
        where: {
          providerId: { in: providerIds },
          date: {
            gte: dateValue(dateString(new Date(from.getTime() - 3 * MS_PER_DAY))),
            lte: dateValue(dateString(new Date(to.getTime() + 3 * MS_PER_DAY))),
          },
        },
      }),
    ]);
    for (const r of rules)
      calendars.get(r.providerId)!.rules.push({ weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute });
    for (const e of exceptions) calendars.get(e.providerId)!.exceptions.push(toDateException(e));
    return calendars;
  }

  /** Runs `work` in one transaction (rules and settings change together: one change event). */
  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  async replaceRules(providerId: string, rules: RuleInput[], tx: Prisma.TransactionClient): Promise<void> {
    await tx.availabilityRule.deleteMany({ where: { providerId } });
    await tx.availabilityRule.createMany({ data: rules.map((r) => ({ providerId, ...r })) });
  }

  addException(providerId: string, e: ExceptionInput): Promise<ExceptionRow> {
    return this.prisma.availabilityException.create({
      data: { providerId, date: dateValue(e.date), kind: e.kind, startMinute: e.startMinute, endMinute: e.endMinute },
    });
  }

  /** True when the provider had that exception. */
  async removeException(providerId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.availabilityException.deleteMany({ where: { id, providerId } });
    return count > 0;
  }
}
