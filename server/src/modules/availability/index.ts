// Availability: providers' weekly hours, exceptions and scheduling settings, free slots,
// and the catalog's "has a free slot in this window" filter.
import type { Infra } from '../../infra';
import type { ModuleParts } from '../module';
import { AvailabilityResolver } from './availability.resolver';
import { AvailabilityService } from './availability.service';
import type { ProviderBookings } from './bookings-port';
import type { SchedulingCatalog } from './catalog-port';
import { FreeSlotSearcher } from './free-slot-search';
import { PolicyStore } from './scheduling-policy';
import { ScheduleStore } from './schedule-store';
import { SlotCache } from './slot-cache';

export const availabilityResolvers = [AvailabilityResolver] as const;

export function availabilityModule(infra: Infra, deps: { catalog: SchedulingCatalog; bookings: ProviderBookings }) {
  const store = new ScheduleStore(infra.prisma, infra.database);
  const policies = new PolicyStore(infra.prisma, infra.database);
  const availability = new AvailabilityService({
    catalog: deps.catalog,
    store,
    policies,
    bookings: deps.bookings,
    slotCache: new SlotCache(infra.cache, infra.config.cacheTtlSeconds),
    freeSlots: new FreeSlotSearcher({ catalog: deps.catalog, store, policies, bookings: deps.bookings }),
  });
  const parts: ModuleParts = { bindings: [[AvailabilityResolver, new AvailabilityResolver(availability)]] };
  return { availability, parts };
}
