// The catalog filter ("services with a free slot in this window") over twins of its
// ports, with a frozen clock: every per-service setting availableSlots honours decides
// here too (notice, horizon, interval, buffer before, seats, limits), OVERRIDE hours count
// as working time, and providers without hours are never asked about.
import type { BookedTime, BookedWindow } from './bookings-port';
import type { BookableService, ProviderScheduling, SchedulableService } from './catalog-port';
import { FreeSlotSearcher } from './free-slot-search';
import { defaultPolicy, NO_LIMITS, type BookingLimits, type ServicePolicy } from './scheduling-policy';
import type { ProviderCalendar } from './schedule-store';
import { at, exception, hours } from './testing/slot-queries';

const ZONE = 'Asia/Kolkata';
const NOW = at('2026-06-15T00:00', ZONE); // Monday, local midnight
const DAY = { from: at('2026-06-15T00:00', ZONE), to: at('2026-06-16T00:00', ZONE) };
const local = (time: string) => at(`2026-06-15T${time}`, ZONE);

interface World {
  services: SchedulableService[];
  calendars: Map<string, ProviderCalendar>;
  policies: Map<string, ServicePolicy>;
  limits: Map<string, BookingLimits>;
  booked: BookedTime[];
  askedFor: string[][];
}

const world = (): World => ({ services: [], calendars: new Map(), policies: new Map(), limits: new Map(), booked: [], askedFor: [] });

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

function aProvider(w: World, calendar: ProviderCalendar, limits: BookingLimits = NO_LIMITS): ProviderScheduling {
  const scheduling = {
    id: nextId('provider'),
    userId: nextId('user'),
    businessName: 'A provider',
    timeZone: ZONE,
    minNoticeMinutes: 0,
    maxAdvanceDays: 60,
  };
  w.calendars.set(scheduling.id, calendar);
  w.limits.set(scheduling.id, limits);
  return scheduling;
}

function aService(w: World, scheduling: ProviderScheduling, policy: Partial<ServicePolicy> = {}, durationMinutes = 60): string {
  const service: BookableService = {
    id: nextId('service'),
    providerId: scheduling.id,
    title: 'A service',
    priceAmount: 100_000,
    currency: 'BDT',
    durationMinutes,
    bufferMinutes: 0,
    instantBooking: false,
    active: true,
  };
  w.services.push({ service, scheduling });
  w.policies.set(service.id, { ...defaultPolicy(service.id), ...policy });
  return service.id;
}

function aBooking(w: World, serviceId: string, from: string, to: string, seated = false) {
  const [startsAt, endsAt] = [local(from), local(to)];
  const seatGroup = seated ? `${serviceId}@${startsAt.toISOString()}` : null;
  w.booked.push({ serviceId, startsAt, endsAt, blockedFrom: startsAt, blockedUntil: endsAt, seatGroup, holding: true });
}

function search(w: World) {
  const providerOf = new Map(w.services.map((s) => [s.service.id, s.scheduling.id]));
  const searcher = new FreeSlotSearcher({
    catalog: { schedulableServices: async () => w.services },
    store: { calendars: async (providerIds: string[]) => new Map(providerIds.map((id) => [id, w.calendars.get(id)!])) },
    policies: {
      servicePolicies: async (serviceIds: string[]) => new Map(serviceIds.map((id) => [id, w.policies.get(id)!])),
      providerLimitsOf: async (providerIds: string[]) => new Map(providerIds.map((id) => [id, w.limits.get(id)!])),
    },
    bookings: {
      bookedTimesOf: async (providerIds: string[], window: BookedWindow) => {
        w.askedFor.push(providerIds);
        const byProvider = new Map<string, BookedTime[]>();
        for (const b of w.booked) {
          const providerId = providerOf.get(b.serviceId)!;
          const inWindow = b.blockedFrom < window.busyTo && b.blockedUntil > window.busyFrom;
          if (providerIds.includes(providerId) && inWindow) byProvider.set(providerId, [...(byProvider.get(providerId) ?? []), b]);
        }
        return byProvider;
      },
    },
  });
  return searcher.serviceIdsWithFreeSlot(DAY.from, DAY.to, NOW);
}

const nineToFive = (): ProviderCalendar => ({ rules: hours('09:00', '17:00'), exceptions: [] });

it("keeps a service out when its own notice reaches past the window, whatever its provider's says", async () => {
  const w = world();
  const provider = aProvider(w, nineToFive());
  const plain = aService(w, provider);
  const twoDays = aService(w, provider, { minNoticeMinutes: 48 * 60 });
  expect(await search(w)).toEqual([plain]);
  expect(await search(w)).not.toContain(twoDays);
});

it("keeps a service out when its own horizon ends before its provider's first free hour", async () => {
  const w = world();
  const provider = aProvider(w, nineToFive());
  const plain = aService(w, provider);
  aService(w, provider, { horizon: { unit: 'ROLLING_HOURS', amount: 8 } }); // ends 08:00, before opening
  expect(await search(w)).toEqual([plain]);
});

it('finds a gap only the service interval reaches', async () => {
  const w = world();
  const provider = aProvider(w, { rules: hours('09:00', '10:30'), exceptions: [] });
  const onTheHour = aService(w, provider);
  const everyHalfHour = aService(w, provider, { intervalMinutes: 30 });
  aBooking(w, onTheHour, '09:00', '09:30'); // 10:00–11:00 runs past closing; only 09:30–10:30 fits
  expect(await search(w)).toEqual([everyHalfHour]);
});

it('keeps a service out when its buffer before would touch a booking, and lets one without it in', async () => {
  const w = world();
  const provider = aProvider(w, { rules: hours('09:00', '10:00'), exceptions: [] });
  const plain = aService(w, provider);
  aService(w, provider, { bufferBeforeMinutes: 30 });
  aBooking(w, plain, '08:00', '09:00');
  expect(await search(w)).toEqual([plain]);
});

it('keeps a group class with a seat left and drops it once every seat is sold', async () => {
  const w = world();
  const provider = aProvider(w, { rules: hours('09:00', '10:00'), exceptions: [] });
  const pair = aService(w, provider, { capacity: 2 });
  aBooking(w, pair, '09:00', '10:00', true);
  expect(await search(w)).toEqual([pair]);
  aBooking(w, pair, '09:00', '10:00', true);
  expect(await search(w)).toEqual([]);
});

it("drops a service whose day is at its own limit, and every service of a provider at the provider's", async () => {
  const w = world();
  const provider = aProvider(w, nineToFive());
  const limited = aService(w, provider, { maxBookingsPerDay: 1 });
  const free = aService(w, provider);
  aBooking(w, limited, '09:00', '10:00');
  expect(await search(w)).toEqual([free]);

  const capped = aProvider(w, nineToFive(), { ...NO_LIMITS, maxMinutesPerDay: 90 });
  const hour = aService(w, capped);
  const half = aService(w, capped, {}, 30);
  aBooking(w, hour, '09:00', '10:00'); // 60 of 90 minutes: a 30-minute booking still fits, a 60-minute one does not
  expect(await search(w)).toEqual([free, half].sort());
});

it('counts OVERRIDE hours as working time on a day without weekly rules', async () => {
  const w = world();
  const provider = aProvider(w, { rules: [], exceptions: [exception('2026-06-15', 'OVERRIDE', '10:00', '12:00')] });
  const service = aService(w, provider);
  expect(await search(w)).toEqual([service]);
});

it('never asks for the bookings of a provider without any hours', async () => {
  const w = world();
  const idle = aProvider(w, { rules: [], exceptions: [exception('2026-06-15', 'BLOCKED')] });
  aService(w, idle);
  const open = aService(w, aProvider(w, nineToFive()));
  expect(await search(w)).toEqual([open]);
  expect(w.askedFor.flat()).not.toContain(idle.id);
});
