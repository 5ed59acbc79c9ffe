// The availability tables, read and written: weekly rules, dated exceptions, and the
// holding bookings that make a provider busy. Nothing here decides anything.
import type { AvailabilityException as ExceptionRow, AvailabilityRule as RuleRow } from '../../generated/prisma/client';
import type { BookingStatus } from '../../generated/prisma/enums';
import type { Db } from '../../infra/database';
import type { ExceptionInput, RuleInput } from './availability-input';
import type { BusyInterval, DateException, WeeklyRule } from './slot-calculator';

/** The statuses that hold a slot; the same list as the booking_no_overlap constraint's. */
export const HOLDING_STATUSES: BookingStatus[] = ['REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED'];

const MS_PER_DAY = 86_400_000;

/** Everything the slot calculator needs of one provider around a window. */
export interface ProviderCalendar {
  rules: WeeklyRule[];
  exceptions: DateException[];
  busy: BusyInterval[];
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

export class ScheduleStore {
  constructor(private readonly prisma: Db) {}

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

  /**
   * Rules, exceptions and busy intervals for slots starting in [from, to) that hold the
   * provider for heldMs each. Local dates of any zone lie within a day of the UTC ones,
   * and the calculator looks a day further: two days either side covers both.
   */
  async calendar(providerId: string, from: Date, to: Date, heldMs: number, ignoreBookingId?: string): Promise<ProviderCalendar> {
    const [rules, exceptions, busy] = await Promise.all([
      this.rules(providerId),
      this.exceptions(providerId, dateString(new Date(from.getTime() - 2 * MS_PER_DAY)), dateString(new Date(to.getTime() + 2 * MS_PER_DAY))),
      this.busy(providerId, from, new Date(to.getTime() + heldMs), ignoreBookingId),
    ]);
    return { rules, exceptions: exceptions.map(toDateException), busy };
  }

  /** Holding bookings of the provider overlapping [from, to), buffers included. */
  async busy(providerId: string, from: Date, to: Date, ignoreBookingId?: string): Promise<BusyInterval[]> {
    const rows = await this.prisma.booking.findMany({
      where: {
        providerId,
        status: { in: HOLDING_STATUSES },
        startsAt: { lt: to },
        blockedUntil: { gt: from },
        ...(ignoreBookingId && { id: { not: ignoreBookingId } }),
      },
      select: { startsAt: true, blockedUntil: true },
    });
    return rows.map((b) => ({ start: b.startsAt, end: b.blockedUntil }));
  }

  /** Replaces every rule of the provider in one transaction (the trigger emits one event). */
  async replaceRules(providerId: string, rules: RuleInput[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.availabilityRule.deleteMany({ where: { providerId } }),
      this.prisma.availabilityRule.createMany({ data: rules.map((r) => ({ providerId, ...r })) }),
    ]);
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
