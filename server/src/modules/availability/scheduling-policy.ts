// How a service is scheduled beyond its duration (slot interval, buffer before, its own
// notice and horizon, seats, booking limits, reschedule rules) and a provider's booking
// limits over all their services. Availability owns both tables; a service without a row
// has the defaults (every start on the duration's grid, one seat, no limits).
import { Prisma } from '../../generated/prisma/client';
import type { Db, PreparedStatements } from '../../infra/database';
import { calendarColumns, type ProviderCalendar } from './schedule-store';
import type { BookingLimitsInput, ServiceSchedulingInput } from './scheduling-policy-input';
import type { Horizon } from './slot-calculator';

/** Limits per local day and week (weeks from Monday); null = none. */
export interface BookingLimits {
  maxBookingsPerDay: number | null;
  maxBookingsPerWeek: number | null;
  maxMinutesPerDay: number | null;
  maxMinutesPerWeek: number | null;
}

export interface ServicePolicy extends BookingLimits {
  serviceId: string;
  intervalMinutes: number | null;
  bufferBeforeMinutes: number;
  minNoticeMinutes: number | null;
  horizon: Horizon | null;
  capacity: number;
  maxReschedules: number | null;
  rescheduleNoticeMinutes: number | null;
}

export const NO_LIMITS: BookingLimits = {
  maxBookingsPerDay: null,
  maxBookingsPerWeek: null,
  maxMinutesPerDay: null,
  maxMinutesPerWeek: null,
};

export const defaultPolicy = (serviceId: string): ServicePolicy => ({
  serviceId,
  intervalMinutes: null,
  bufferBeforeMinutes: 0,
  minNoticeMinutes: null,
  horizon: null,
  capacity: 1,
  maxReschedules: null,
  rescheduleNoticeMinutes: null,
  ...NO_LIMITS,
});

export const hasLimits = (l: BookingLimits) => Object.values(pickLimits(l)).some((v) => v !== null);

export const pickLimits = (l: BookingLimits): BookingLimits => ({
  maxBookingsPerDay: l.maxBookingsPerDay,
  maxBookingsPerWeek: l.maxBookingsPerWeek,
  maxMinutesPerDay: l.maxMinutesPerDay,
  maxMinutesPerWeek: l.maxMinutesPerWeek,
});

type PolicyRow = Prisma.ServiceSchedulingGetPayload<object>;

function toPolicy(row: PolicyRow): ServicePolicy {
  const { horizonAmount, horizonUnit, ...rest } = row;
  return { ...rest, horizon: horizonAmount !== null && horizonUnit !== null ? { amount: horizonAmount, unit: horizonUnit } : null };
}

export class PolicyStore {
  constructor(
    private readonly prisma: Db,
    private readonly reads: PreparedStatements,
  ) {}

  async providerLimits(providerId: string): Promise<BookingLimits> {
    const row = await this.prisma.providerBookingLimits.findUnique({ where: { providerId } });
    return row ? pickLimits(row) : NO_LIMITS;
  }

  /**
   * The service's policy and its provider's limits in one statement (a booking reads both),
   * and, given a window, the provider's calendar for it in the same statement (else null).
   */
  async policyAndLimits(
    serviceId: string,
    providerId: string,
    calendarFor?: { from: Date; to: Date },
  ): Promise<{ policy: ServicePolicy; limits: BookingLimits; calendar: ProviderCalendar | null }> {
    const calendar = calendarFor ? Prisma.sql`, ${calendarColumns(providerId, calendarFor.from, calendarFor.to)}` : Prisma.empty;
    const [row] = await this.reads.prepared<
      { policy: PolicyRow | null; limits: BookingLimits | null } & Partial<ProviderCalendar>
    >(Prisma.sql`
      SELECT (SELECT json_build_object(
                'serviceId', service_id, 'intervalMinutes', interval_minutes, 'bufferBeforeMinutes', buffer_before_minutes,
                'minNoticeMinutes', min_notice_minutes, 'horizonAmount', horizon_amount, 'horizonUnit', horizon_unit,
                'capacity', capacity, 'maxBookingsPerDay', max_bookings_per_day, 'maxBookingsPerWeek', max_bookings_per_week,
                'maxMinutesPerDay', max_minutes_per_day, 'maxMinutesPerWeek', max_minutes_per_week,
                'maxReschedules', max_reschedules, 'rescheduleNoticeMinutes', reschedule_notice_minutes)
              FROM service_scheduling WHERE service_id = ${serviceId}::uuid) AS policy,
             (SELECT json_build_object(
                'maxBookingsPerDay', max_bookings_per_day, 'maxBookingsPerWeek', max_bookings_per_week,
                'maxMinutesPerDay', max_minutes_per_day, 'maxMinutesPerWeek', max_minutes_per_week)
              FROM provider_booking_limits WHERE provider_id = ${providerId}::uuid) AS limits${calendar}`);
    return {
      policy: row?.policy ? toPolicy(row.policy) : defaultPolicy(serviceId),
      limits: row?.limits ? pickLimits(row.limits) : NO_LIMITS,
      calendar: calendarFor ? { rules: row!.rules!, exceptions: row!.exceptions! } : null,
    };
  }

  /** Policies of many services (defaults for those without a row), by service id. */
  async servicePolicies(serviceIds: string[]): Promise<Map<string, ServicePolicy>> {
    const rows = serviceIds.length ? await this.prisma.serviceScheduling.findMany({ where: { serviceId: { in: serviceIds } } }) : [];
    const found = new Map(rows.map((row) => [row.serviceId, toPolicy(row)]));
    return new Map(serviceIds.map((id) => [id, found.get(id) ?? defaultPolicy(id)]));
  }

  /** Limits of many providers (none for those without a row), by provider id. */
  async providerLimitsOf(providerIds: string[]): Promise<Map<string, BookingLimits>> {
    const rows = providerIds.length ? await this.prisma.providerBookingLimits.findMany({ where: { providerId: { in: providerIds } } }) : [];
    const found = new Map(rows.map((row) => [row.providerId, pickLimits(row)]));
    return new Map(providerIds.map((id) => [id, found.get(id) ?? NO_LIMITS]));
  }

  /** Writes every field of the service's policy (absent ones back to their defaults). */
  async setServicePolicy(serviceId: string, input: ServiceSchedulingInput): Promise<ServicePolicy> {
    const { horizon, ...rest } = input;
    const data = { ...rest, horizonAmount: horizon?.amount ?? null, horizonUnit: horizon?.unit ?? null };
    const row = await this.prisma.serviceScheduling.upsert({ where: { serviceId }, create: { serviceId, ...data }, update: data });
    return toPolicy(row);
  }

  async setProviderLimits(providerId: string, limits: BookingLimitsInput): Promise<BookingLimits> {
    const row = await this.prisma.providerBookingLimits.upsert({
      where: { providerId },
      create: { providerId, ...limits },
      update: limits,
    });
    return pickLimits(row);
  }
}
