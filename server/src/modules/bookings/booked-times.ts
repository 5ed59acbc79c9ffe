// The bookings side of availability's ProviderBookings port: a provider's bookings as
// time, in one round trip (the cold path of availableSlots runs it).
import type { Db } from '../../infra/database';
import type { BookedTime, ProviderBookings } from '../availability/bookings-port';

type Row = [string, number, number, number, number, string | null, boolean];

export class BookedTimes implements ProviderBookings {
  constructor(private readonly prisma: Db) {}

  async bookedTimes(
    providerId: string,
    window: { busyFrom: Date; busyTo: Date; countFrom?: Date; countTo?: Date },
    ignoreBookingId?: string,
  ): Promise<BookedTime[]> {
    const countFrom = window.countFrom ?? window.busyFrom;
    const countTo = window.countTo ?? window.busyFrom; // an empty range: nothing counted beyond the busy ones
    const [row] = await this.prisma.$queryRaw<{ times: Row[] }[]>`
      SELECT coalesce(json_agg(json_build_array(
               service_id::text,
               floor(extract(epoch FROM starts_at) * 1000), floor(extract(epoch FROM ends_at) * 1000),
               floor(extract(epoch FROM coalesce(blocked_from, starts_at)) * 1000), floor(extract(epoch FROM blocked_until) * 1000),
               seat_group, status <> 'COMPLETED')), '[]'::json) AS times
      FROM booking
      WHERE provider_id = ${providerId}::uuid
        AND (${ignoreBookingId ?? null}::uuid IS NULL OR id <> ${ignoreBookingId ?? null}::uuid)
        AND ((status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED')
              AND coalesce(blocked_from, starts_at) < ${window.busyTo}::timestamptz AND blocked_until > ${window.busyFrom}::timestamptz)
          OR (status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED')
              AND starts_at >= ${countFrom}::timestamptz AND starts_at < ${countTo}::timestamptz))`;
    return row!.times.map(([serviceId, startsAt, endsAt, blockedFrom, blockedUntil, seatGroup, holding]) => ({
      serviceId,
      startsAt: new Date(Number(startsAt)),
      endsAt: new Date(Number(endsAt)),
      blockedFrom: new Date(Number(blockedFrom)),
      blockedUntil: new Date(Number(blockedUntil)),
      seatGroup,
      holding,
    }));
  }
}
