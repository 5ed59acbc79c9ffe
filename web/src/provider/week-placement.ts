// Where a day's bookings go in a calendar column: their local minutes, and side-by-side
// lanes where they overlap (a service with seats, or two services at once). Example: 09:00–10:00
// and 09:30–10:30 share a run of two lanes (0 and 1); 11:00–12:00 after them has one lane.
import { localMinutes } from '../console/week';
import type { ProviderBookingFragment } from '../gql/graphql';

type Placeable = Pick<ProviderBookingFragment, 'startsAt' | 'endsAt'>;

export interface PlacedBooking<B extends Placeable = ProviderBookingFragment> {
  booking: B;
  startMinute: number;
  endMinute: number;
  lane: number;
  lanes: number;
}

/** Bookings of one local day with their minutes and side-by-side lanes where they overlap. */
export function placeDay<B extends Placeable>(bookings: readonly B[], zone: string): PlacedBooking<B>[] {
  const placed = [...bookings]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((booking) => {
      const startMinute = localMinutes(booking.startsAt, zone);
      const length = Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000);
      return { booking, startMinute, endMinute: Math.min(24 * 60, startMinute + length), lane: 0, lanes: 1 };
    });
  // Greedy lanes within each run of overlapping bookings; the run shares its lane count.
  let run: PlacedBooking<B>[] = [];
  let runEnd = -1;
  const laneEnds: number[] = [];
  const closeRun = () => run.forEach((p) => (p.lanes = Math.max(1, laneEnds.length)));
  for (const p of placed) {
    if (p.startMinute >= runEnd) {
      closeRun();
      run = [];
      laneEnds.length = 0;
    }
    const free = laneEnds.findIndex((end) => end <= p.startMinute);
    p.lane = free === -1 ? laneEnds.length : free;
    laneEnds[p.lane] = p.endMinute;
    run.push(p);
    runEnd = Math.max(runEnd, p.endMinute);
  }
  closeRun();
  return placed;
}
