// Bookings: requests, the transitions between statuses, the lists, the expiry sweep,
// and what the payments module asks of a booking.
import type { Infra } from '../../infra';
import type { AvailabilityService } from '../availability/availability.service';
import type { UsersService } from '../identity/users.service';
import type { ModuleParts } from '../module';
import { BookingNotices, type BookingNotifier } from './booking-notices';
import { BookingPayments } from './booking-payments';
import { BookingQueries } from './booking-queries';
import { BookingsResolver, type BookingsCatalog, type HasReview } from './bookings.resolver';
import { BookingsService } from './bookings.service';
import type { SchedulingCatalog } from '../availability/catalog-port';
import { BookedTimes } from './booked-times';
import { ExpirySweep } from './expiry-sweep';
import { Waitlist } from './waitlist';
import { WaitlistResolver } from './waitlist.resolver';

export const bookingsResolvers = [BookingsResolver, WaitlistResolver] as const;

/** The bookings side of availability's ProviderBookings port (built before availability, which bookings needs). */
export const bookedTimes = (infra: Infra) => new BookedTimes(infra.database);

export function bookingsModule(
  infra: Infra,
  deps: {
    catalog: SchedulingCatalog & BookingsCatalog;
    availability: AvailabilityService;
    users: UsersService;
    hasReview: HasReview;
    notifications: BookingNotifier;
  },
) {
  const now = () => new Date();
  const queries = new BookingQueries(infra.prisma, deps.catalog);
  const payments = new BookingPayments(queries, deps.catalog, deps.users, deps.availability, infra.events, now);
  const notices = new BookingNotices(deps.notifications, deps.catalog, deps.users);
  const sweep = new ExpirySweep(infra.prisma, deps.availability, notices, infra.config.bookings);
  const bookings = new BookingsService({
    prisma: infra.prisma,
    statements: infra.database,
    availability: deps.availability,
    queries,
    payments,
    sweep,
    notices,
    events: infra.events,
    config: infra.config.bookings,
    now,
  });
  const waitlist = new Waitlist(infra.prisma, deps.availability);
  waitlist.offersBookedBy((entry, target) => bookings.offerFromWaitlist(entry, target));
  bookings.onPlaceFreed((b) => waitlist.placeFreed(b));
  sweep.onPlaceFreed((b) => waitlist.placeFreed(b));
  const parts: ModuleParts = {
    bindings: [
      [BookingsResolver, new BookingsResolver(bookings, queries, deps.catalog, deps.users, deps.hasReview)],
      [WaitlistResolver, new WaitlistResolver(waitlist)],
    ],
    jobs: [
      ...sweep.jobs(),
      { name: 'bookings.waitlist-offers', everyMs: infra.config.bookings.sweepSeconds * 1000, run: () => waitlist.sweepOffers() },
    ],
  };
  return { bookings, waitlist, parts };
}
