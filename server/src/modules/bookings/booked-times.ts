// The bookings side of availability's ProviderBookings port: providers' bookings as
// time, in one prepared round trip (the cold path of availableSlots runs it; the catalog filter
// asks for many providers at once).
import { Prisma } from '../../generated/prisma/client';
import type { PreparedStatements } from '../../infra/database';
import type { BookedTime, BookedWindow, ProviderBookings } from '../availability/bookings-port';

type Row = [string, string, number, number, number, number, string | null, boolean];

export class BookedTimes implements ProviderBookings {
  constructor(private readonly reads: PreparedStatements) {}

  async bookedTimes(providerId: string, window: BookedWindow, ignoreBookingId?: string): Promise<BookedTime[]> {
    return (await this.read([providerId], window, ignoreBookingId)).get(providerId) ?? [];
  }

  bookedTimesOf(providerIds: string[], window: BookedWindow): Promise<Map<string, BookedTime[]>> {
    return providerIds.length ? this.read(providerIds, window) : Promise.resolve(new Map());
  }

  private async read(providerIds: string[], window: BookedWindow, ignoreBookingId?: string): Promise<Map<string, BookedTime[]>> {
    const countFrom = window.countFrom ?? window.busyFrom;
    const countTo = window.countTo ?? window.busyFrom; // an empty range: nothing counted beyond the busy ones
    const ids = `{${providerIds.join(',')}}`;
    const [row] = await this.reads.prepared<{ times: Row[] }>(Prisma.sql`
      SELECT coalesce(json_agg(json_build_array(
               provider_id::text, service_id::text,
               floor(extract(epoch FROM starts_at) * 1000), floor(extract(epoch FROM ends_at) * 1000),
               floor(extract(epoch FROM coalesce(blocked_from, starts_at)) * 1000), floor(extract(epoch FROM blocked_until) * 1000),
               seat_group, status <> 'COMPLETED')), '[]'::json) AS times
      FROM booking
      WHERE provider_id = ANY(${ids}::uuid[])
        AND (${ignoreBookingId ?? null}::uuid IS NULL OR id <> ${ignoreBookingId ?? null}::uuid)
        AND ((status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED')
              AND coalesce(blocked_from, starts_at) < ${window.busyTo}::timestamptz AND blocked_until > ${window.busyFrom}::timestamptz)
          OR (status IN ('REQUESTED', 'PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED')
              AND starts_at >= ${countFrom}::timestamptz AND starts_at < ${countTo}::timestamptz))`);
    const byProvider = new Map<string, BookedTime[]>();
    for (const [providerId, serviceId, startsAt, endsAt, blockedFrom, blockedUntil, seatGroup, holding] of row!.times) {
      const time: BookedTime = {
        serviceId,
        startsAt: new Date(Number(startsAt)),
        endsAt: new Date(Number(endsAt)),
        blockedFrom: new Date(Number(blockedFrom)),
        blockedUntil: new Date(Number(blockedUntil)),
        seatGroup,
        holding,
      };
      const times = byProvider.get(providerId);
      if (times) times.push(time);
      else byProvider.set(providerId, [time]);
    }
    return byProvider;
  }
}
