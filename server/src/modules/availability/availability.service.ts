// What providers do with their hours (set weekly rules and settings, add and remove
// exceptions) and what customers ask of them (free slots of a service). Bookings asks
// it whether a start is bookable right now, on fresh data.
import { DateTime } from 'luxon';
import { DomainError, badInput, notFound } from '../../domain-error';
import type { Viewer } from '../identity/viewer';
import { checkWindow, parseDateBound, parseException, parseSettings } from './availability-input';
import type { BookableService, ProviderScheduling, SchedulingCatalog } from './catalog-port';
import type { FreeSlotSearcher } from './free-slot-search';
import { computeSlots, isBookableStart, type Slot, type SlotQuery } from './slot-calculator';
import type { SlotCache } from './slot-cache';
import { toDateException, type ProviderCalendar, type ScheduleStore } from './schedule-store';

const MS_PER_MINUTE = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from clients; anything that is not a UUID cannot name a row. */
export const isUuid = (id: string) => UUID.test(id);

export const slotTaken = () => new DomainError('SLOT_UNAVAILABLE', 'That time was just taken; pick another slot');

/** A service that can be booked now, with its provider's scheduling settings. */
export interface BookingTarget {
  service: BookableService;
  scheduling: ProviderScheduling;
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
  slotCache: SlotCache;
  freeSlots: FreeSlotSearcher;
  now?: () => Date;
}

export class AvailabilityService {
  private readonly catalog: SchedulingCatalog;
  private readonly store: ScheduleStore;
  private readonly slotCache: SlotCache;
  private readonly freeSlots: FreeSlotSearcher;
  private readonly now: () => Date;

  constructor(deps: AvailabilityDeps) {
    ({ catalog: this.catalog, store: this.store, slotCache: this.slotCache, freeSlots: this.freeSlots } = deps);
    this.now = deps.now ?? (() => new Date());
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

  /** Every bookable slot of the service starting in [from, to); cached per provider version. */
  async availableSlots(serviceId: string, from: Date, to: Date): Promise<Slot[]> {
    checkWindow(from, to);
    const { service, scheduling } = await this.slotCache.target(await this.catalog.version(), serviceId, () =>
      this.bookingTarget(serviceId),
    );
    const facts = [service.id, service.durationMinutes, service.bufferMinutes, scheduling.timeZone, scheduling.minNoticeMinutes];
    const slots = await this.slotCache.slots(
      scheduling.id,
      [...facts, scheduling.maxAdvanceDays, from.getTime(), to.getTime()],
      async () => {
        const calendar = await this.store.calendar(scheduling.id, from, to, heldMs(service));
        return computeSlots(this.query({ service, scheduling }, calendar, from, to, this.now()));
      },
    );
    // A cached answer may be a TTL old: drop the slots that have since come within notice.
    const earliest = this.now().getTime() + scheduling.minNoticeMinutes * MS_PER_MINUTE;
    return slots.filter((s) => s.startsAt.getTime() >= earliest);
  }

  /** The catalog's filter: active services with a free slot starting in [from, to). */
  serviceIdsWithFreeSlot(from: Date, to: Date): Promise<string[]> {
    checkWindow(from, to, ['availableFrom', 'availableTo']);
    return this.slotCache.freeServices([from.getTime(), to.getTime()], () => this.freeSlots.serviceIdsWithFreeSlot(from, to, this.now()));
  }

  /** An active service and its provider, or NOT_FOUND. */
  async bookingTarget(serviceId: string): Promise<BookingTarget> {
    const service = isUuid(serviceId) ? await this.catalog.serviceForBooking(serviceId) : null;
    const scheduling = service?.active ? await this.catalog.providerScheduling(service.providerId) : null;
    if (!service || !scheduling) throw new DomainError('NOT_FOUND', 'That service was not found or is no longer offered');
    return { service, scheduling };
  }

  /**
   * Throws unless availableSlots would return startsAt right now, computed on fresh data
   * (no cache). ignoreBookingId leaves a booking's own hold out (rescheduling it).
   * The database constraint stays the final guard against a booking committed meanwhile.
   */
  async assertBookable(target: BookingTarget, startsAt: Date, ignoreBookingId?: string): Promise<void> {
    const { scheduling } = target;
    const now = this.now();
    const at = startsAt.getTime();
    if (!Number.isFinite(at)) throw badInput('startsAt', 'startsAt must be a valid instant');
    if (at <= now.getTime()) throw badInput('startsAt', 'That time is in the past; pick a slot from availableSlots');
    if (at < now.getTime() + scheduling.minNoticeMinutes * MS_PER_MINUTE) {
      throw badInput('startsAt', `This provider needs at least ${scheduling.minNoticeMinutes} minutes' notice; pick a later slot`);
    }
    if (at > DateTime.fromJSDate(now, { zone: scheduling.timeZone }).plus({ days: scheduling.maxAdvanceDays }).toMillis()) {
      throw badInput('startsAt', `This provider takes bookings at most ${scheduling.maxAdvanceDays} days ahead; pick an earlier slot`);
    }
    const end = new Date(at + 1);
    const calendar = await this.store.calendar(scheduling.id, startsAt, end, heldMs(target.service), ignoreBookingId);
    const query = this.query(target, calendar, startsAt, end, now);
    if (!isBookableStart({ ...query, busy: [] }, startsAt)) {
      throw badInput(
        'startsAt',
        "That time is not one of this service's slots (outside working hours, blocked, or off the slot grid); pick one from availableSlots",
      );
    }
    if (!isBookableStart(query, startsAt)) throw slotTaken();
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

  private query({ service, scheduling }: BookingTarget, calendar: ProviderCalendar, from: Date, to: Date, now: Date): SlotQuery {
    return {
      ...calendar,
      timeZone: scheduling.timeZone,
      durationMinutes: service.durationMinutes,
      bufferMinutes: service.bufferMinutes,
      minNoticeMinutes: scheduling.minNoticeMinutes,
      maxAdvanceDays: scheduling.maxAdvanceDays,
      now,
      from,
      to,
    };
  }
}

const heldMs = (s: BookableService) => (s.durationMinutes + s.bufferMinutes) * MS_PER_MINUTE;

function toExceptionView(e: Parameters<typeof toDateException>[0]) {
  return { id: e.id, ...toDateException(e) };
}
