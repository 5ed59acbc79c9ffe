// What providers do with their hours (set weekly rules and settings, add and remove
// exceptions) and what customers ask of them (free slots of a service). Bookings asks
// it whether a start is bookable right now, on fresh data.
import { DomainError, badInput, notFound } from '../../domain-error';
import type { ChangeFeed } from '../../infra/change-feed';
import { isUuid } from '../../shared/ids';
import type { Viewer } from '../identity/viewer';
import { canonicalZone } from '../../input-validation';
import { checkWindow, parseDateBound, parseException, parseSettings } from './availability-input';
import type { ProviderBookings } from './bookings-port';
import type { ProviderScheduling, SchedulingCatalog } from './catalog-port';
import type { FreeSlotSearcher } from './free-slot-search';
import { parseBookingLimits, parseServiceScheduling } from './scheduling-policy-input';
import { defaultPolicy, type BookingLimits, type PolicyStore, type ServicePolicy } from './scheduling-policy';
import { bookableSlot, computeSlots, latestStart, type Slot } from './slot-calculator';
import type { SlotCache } from './slot-cache';
import { bookedWindow, effectiveNoticeMinutes, slotQuery, type BookingTarget } from './slot-query';
import { toDateException, type ProviderCalendar, type ScheduleStore } from './schedule-store';
import { ZoneClock } from './zone-clock';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export const slotTaken = () => new DomainError('SLOT_UNAVAILABLE', 'That time was just taken; pick another slot');
export const limitReached = () =>
  new DomainError('SLOT_UNAVAILABLE', 'That day or week is fully booked for this service or provider; pick another day', {
    reason: 'LIMIT',
  });

export type { BookingTarget };

/** A slot as availableSlots answers it: seats left, and its local date and time in the zone asked for. */
export interface SlotView extends Slot {
  timeZone: string;
  localDate: string; // YYYY-MM-DD
  localTime: string; // HH:mm
}

/** What myAvailability and setAvailability return; exceptions are a field resolver. */
export interface SettingsView {
  providerId: string;
  timeZone: string;
  rules: { id: string; weekday: number; startMinute: number; endMinute: number }[];
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

export interface AvailabilityDeps {
  catalog: SchedulingCatalog;
  store: ScheduleStore;
  policies: PolicyStore;
  bookings: ProviderBookings;
  slotCache: SlotCache;
  freeSlots: FreeSlotSearcher;
  now?: () => Date;
}

/** Root fields whose anonymous answers the edge response cache may keep (see publicReads). */
export const SLOTS_PUBLIC_QUERIES: ReadonlySet<string> = new Set(['availableSlots', 'serviceScheduling']);
/** The feed's tables whose changes move free slots (as availabilityChanged follows them). */
const SLOT_TABLES: ReadonlySet<string> = new Set(['booking', 'availability']);

export class AvailabilityService {
  private readonly catalog: SchedulingCatalog;
  private readonly store: ScheduleStore;
  private readonly policies: PolicyStore;
  private readonly bookings: ProviderBookings;
  private readonly slotCache: SlotCache;
  private readonly freeSlots: FreeSlotSearcher;
  private readonly now: () => Date;

  constructor(deps: AvailabilityDeps) {
    ({ catalog: this.catalog, store: this.store, policies: this.policies, bookings: this.bookings } = deps);
    ({ slotCache: this.slotCache, freeSlots: this.freeSlots } = deps);
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Free slots as the edge response cache sees them: an answer depends on the catalog (the
   * service, its provider's settings) and on every provider's bookings and hours, so it is
   * kept under both versions and dropped by either's local change, and by another instance's
   * booking or change of hours as it arrives through the feed: before any subscriber here is
   * told, so a client refetching on availabilityChanged never gets the answer from before it.
   */
  publicReads(feed: Pick<ChangeFeed, 'watch'>) {
    return {
      publicQueries: SLOTS_PUBLIC_QUERIES,
      version: async (): Promise<string> => {
        const [catalog, slots] = await Promise.all([this.catalog.version(), this.slotCache.globalVersion()]);
        return `${catalog}:${slots}`;
      },
      onChange: (listener: () => void): (() => void) => {
        const stops = [
          this.catalog.onChange(listener),
          this.slotCache.onChange(listener),
          feed.watch((change) => void (SLOT_TABLES.has(change.tableName) && listener())),
        ];
        return () => stops.forEach((stop) => stop());
      },
    };
  }

  async myAvailability(viewer: Viewer): Promise<SettingsView> {
    return this.settingsOf(await this.providerOf(viewer));
  }

  /** Replaces the weekly rules and updates the given settings, in one transaction (one change event). */
  async setAvailability(viewer: Viewer, input: unknown): Promise<SettingsView> {
    const provider = await this.providerOf(viewer);
    const settings = parseSettings(input);
    const patch = {
      ...(settings.timeZone != null && { timeZone: settings.timeZone }),
      ...(settings.minNoticeMinutes != null && { minNoticeMinutes: settings.minNoticeMinutes }),
      ...(settings.maxAdvanceDays != null && { maxAdvanceDays: settings.maxAdvanceDays }),
    };
    const settingsChange = Object.keys(patch).length > 0;
    await this.store.transaction(async (tx) => {
      await this.store.replaceRules(provider.id, settings.rules, tx);
      if (settingsChange) await this.catalog.updateScheduling(provider.id, patch, tx);
    });
    if (settingsChange) await this.catalog.catalogChanged();
    await this.slotCache.providerChanged(provider.id);
    return this.settingsOf({ ...provider, ...patch });
  }

  async addException(viewer: Viewer, input: unknown) {
    const provider = await this.providerOf(viewer);
    const row = await this.store.addException(provider.id, parseException(input));
    await this.slotCache.providerChanged(provider.id);
    return toExceptionView(row);
  }

  async removeException(viewer: Viewer, id: string): Promise<boolean> {
    const provider = await this.providerOf(viewer);
    if (!isUuid(id) || !(await this.store.removeException(provider.id, id))) throw notFound('That exception of yours');
    await this.slotCache.providerChanged(provider.id);
    return true;
  }

  /** AvailabilitySettings.exceptions(from, to): local dates, both bounds inclusive and optional. */
  async exceptions(providerId: string, from: string | null | undefined, to: string | null | undefined) {
    const rows = await this.store.exceptions(providerId, parseDateBound('from', from), parseDateBound('to', to));
    return rows.map(toExceptionView);
  }

  /**
   * Every bookable slot of the service starting in [from, to), cached per provider
   * version, with each slot's local date and time in `timeZone` (the provider's when absent).
   */
  async availableSlots(serviceId: string, from: Date, to: Date, timeZone?: string | null): Promise<SlotView[]> {
    checkWindow(from, to);
    const zone = timeZone == null ? null : canonicalZone(timeZone);
    if (timeZone != null && zone === null) throw badInput('timeZone', `"${timeZone}" is not an IANA time zone; try "Asia/Dhaka"`);
    const target = await this.slotCache.target(await this.catalog.version(), serviceId, () => this.bookingTarget(serviceId));
    const { service, scheduling } = target;
    const facts = [service.id, service.durationMinutes, service.bufferMinutes, scheduling.timeZone, scheduling.minNoticeMinutes];
    const slots = await this.slotCache.slots(
      scheduling.id,
      [...facts, scheduling.maxAdvanceDays, from.getTime(), to.getTime()],
      async () => {
        const window = bookedWindow(target, from, to);
        const [calendar, booked] = await Promise.all([
          this.store.calendar(scheduling.id, from, to),
          this.bookings.bookedTimes(scheduling.id, window),
        ]);
        return computeSlots(slotQuery(target, calendar, booked, { from, to, now: this.now() }));
      },
    );
    // A cached answer may be a TTL old: drop the slots that have since come within notice.
    const earliest = this.now().getTime() + effectiveNoticeMinutes(target) * MS_PER_MINUTE;
    return withLocalTimes(
      slots.filter((s) => s.startsAt.getTime() >= earliest),
      zone ?? scheduling.timeZone,
    );
  }

  /** The catalog's filter: active services with a free slot starting in [from, to). */
  serviceIdsWithFreeSlot(from: Date, to: Date): Promise<string[]> {
    checkWindow(from, to, ['availableFrom', 'availableTo']);
    return this.slotCache.freeServices([from.getTime(), to.getTime()], () => this.freeSlots.serviceIdsWithFreeSlot(from, to, this.now()));
  }

  /**
   * An active service and its provider, or NOT_FOUND. Given the start about to be checked
   * (assertBookable), the provider's calendar around it comes in the policy's statement.
   */
  async bookingTarget(serviceId: string, at?: Date): Promise<BookingTarget> {
    const found = isUuid(serviceId) ? await this.catalog.schedulableService(serviceId) : null;
    if (!found) throw new DomainError('NOT_FOUND', 'That service was not found or is no longer offered');
    const { service, scheduling } = found;
    const now = this.now().getTime();
    // Only for a start that could be bookable (no service takes bookings beyond a year ahead):
    // assertBookable refuses the others before it reads the calendar.
    const near = at && at.getTime() > now && at.getTime() <= now + MAX_REACH_MS ? at : null;
    const { policy, limits, calendar } = await this.policies.policyAndLimits(service.id, scheduling.id, near ? oneStart(near) : undefined);
    return {
      service,
      scheduling,
      policy,
      providerLimits: limits,
      ...(near && calendar && { calendarAt: { startsAt: near.getTime(), calendar } }),
    };
  }

  /** The scheduling policy of a service (defaults when its provider never set one). */
  async serviceScheduling(serviceId: string): Promise<ServicePolicy> {
    return (await this.bookingTarget(serviceId)).policy;
  }

  /** Policies of many services, in order (defaults for those never set). */
  async servicePolicies(serviceIds: readonly string[]): Promise<ServicePolicy[]> {
    const policies = await this.policies.servicePolicies(serviceIds.filter(isUuid));
    return serviceIds.map((id) => policies.get(id) ?? defaultPolicy(id));
  }

  /** The provider sets how one of their services is scheduled; every field is written (absent ones to defaults). */
  async setServiceScheduling(viewer: Viewer, serviceId: string, input: unknown): Promise<ServicePolicy> {
    const provider = await this.providerOf(viewer);
    const service = isUuid(serviceId) ? await this.catalog.serviceForBooking(serviceId) : null;
    if (!service || service.providerId !== provider.id) throw notFound('That service of yours');
    const policy = await this.policies.setServicePolicy(service.id, parseServiceScheduling(input));
    await this.catalog.catalogChanged(); // availableSlots caches its target under the catalog's version
    await this.slotCache.providerChanged(provider.id);
    return policy;
  }

  async bookingLimits(viewer: Viewer): Promise<BookingLimits> {
    return this.policies.providerLimits((await this.providerOf(viewer)).id);
  }

  /** The provider's limits over all their services (null fields: no limit). */
  async setBookingLimits(viewer: Viewer, input: unknown): Promise<BookingLimits> {
    const provider = await this.providerOf(viewer);
    const limits = await this.policies.setProviderLimits(provider.id, parseBookingLimits(input));
    await this.catalog.catalogChanged();
    await this.slotCache.providerChanged(provider.id);
    return limits;
  }

  /**
   * The slot availableSlots would return at startsAt right now, computed on fresh data
   * (no cache), or an error saying why not. ignoreBookingId leaves a booking's own hold
   * out (rescheduling it). The database constraints stay the final guard against a
   * booking committed meanwhile, and bookings re-checks limits under its lock.
   */
  async assertBookable(target: BookingTarget, startsAt: Date, ignoreBookingId?: string): Promise<Slot> {
    const { scheduling } = target;
    const now = this.now();
    const at = startsAt.getTime();
    const notice = effectiveNoticeMinutes(target);
    if (!Number.isFinite(at)) throw badInput('startsAt', 'startsAt must be a valid instant');
    if (at <= now.getTime()) throw badInput('startsAt', 'That time is in the past; pick a slot from availableSlots');
    if (at < now.getTime() + notice * MS_PER_MINUTE) {
      throw badInput('startsAt', `This service needs at least ${notice} minutes' notice; pick a later slot`);
    }
    const window = { ...oneStart(startsAt), now };
    // How far ahead it books depends on the settings alone: checked before anything is read.
    if (at > latestStart(slotQuery(target, NO_CALENDAR, [], window))) {
      const h = target.policy.horizon;
      const reach = h
        ? `This service takes bookings at most ${h.amount} ${h.unit === 'ROLLING_HOURS' ? 'hours' : 'days'} ahead`
        : `This provider takes bookings at most ${scheduling.maxAdvanceDays} days ahead`;
      throw badInput('startsAt', `${reach}; pick an earlier slot`);
    }
    const [calendar, booked] = await Promise.all([
      target.calendarAt?.startsAt === at ? target.calendarAt.calendar : this.store.calendar(scheduling.id, startsAt, window.to),
      this.bookings.bookedTimes(scheduling.id, bookedWindow(target, startsAt, window.to), ignoreBookingId),
    ]);
    const query = slotQuery(target, calendar, booked, window);
    if (!bookableSlot({ ...query, busy: [], limits: [] }, startsAt)) {
      throw badInput(
        'startsAt',
        "That time is not one of this service's slots (outside working hours, blocked, or off the slot grid); pick one from availableSlots",
      );
    }
    if (!bookableSlot({ ...query, limits: [] }, startsAt)) throw slotTaken();
    const slot = bookableSlot(query, startsAt);
    if (!slot) throw limitReached();
    return slot;
  }

  /** Call after any committed change that frees or takes a provider's time. */
  providerChanged(...providerIds: string[]): Promise<void> {
    return this.slotCache.providerChanged(...providerIds);
  }

  private async providerOf(viewer: Viewer): Promise<ProviderScheduling> {
    const provider = await this.catalog.providerOfUser(viewer.userId);
    if (!provider) throw new DomainError('FORBIDDEN', 'Only providers have working hours; become a provider first');
    return provider;
  }

  private async settingsOf(provider: ProviderScheduling): Promise<SettingsView> {
    const rules = await this.store.rules(provider.id);
    return {
      providerId: provider.id,
      timeZone: provider.timeZone,
      rules: rules.map(({ id, weekday, startMinute, endMinute }) => ({ id, weekday, startMinute, endMinute })),
      minNoticeMinutes: provider.minNoticeMinutes,
      maxAdvanceDays: provider.maxAdvanceDays,
    };
  }
}

/** Beyond any service's reach: horizons and advance limits are at most a year (a calendar horizon one local day more). */
const MAX_REACH_MS = 367 * MS_PER_DAY;
const NO_CALENDAR: ProviderCalendar = { rules: [], exceptions: [] };

/** The window of slots starting at `at` exactly. */
const oneStart = (at: Date) => ({ from: at, to: new Date(at.getTime() + 1) });

function toExceptionView(e: Parameters<typeof toDateException>[0]) {
  return { id: e.id, ...toDateException(e) };
}

/**
 * Local dates and times by the zone's offsets over the slots' span: arithmetic, not a
 * Luxon call (or even a Date) per slot. This runs on every call, cached ones included.
 */
function withLocalTimes(slots: Slot[], timeZone: string): SlotView[] {
  if (!slots.length) return [];
  const clock = ZoneClock.covering(timeZone, slots[0]!.startsAt.getTime(), slots[slots.length - 1]!.startsAt.getTime() + 1);
  const dates = new Map<number, string>();
  return slots.map((s) => {
    const wall = clock.wallOf(s.startsAt.getTime());
    const day = Math.floor(wall / MS_PER_DAY);
    let localDate = dates.get(day);
    if (localDate === undefined) dates.set(day, (localDate = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
    const localTime = CLOCK_TIMES[Math.floor((wall - day * MS_PER_DAY) / MS_PER_MINUTE)]!;
    // Fields named, not `...s`: V8 (Node 20) spreads these objects ~50 times slower, ~10 ms for 440 slots.
    return { startsAt: s.startsAt, endsAt: s.endsAt, seatsLeft: s.seatsLeft, timeZone, localDate, localTime };
  });
}

/** "00:00" … "23:59" by minute of the day. */
const CLOCK_TIMES = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
);
