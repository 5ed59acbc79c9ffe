// The subscriptions' rules: who receives which stamped changes, and what each becomes.
// Deciding costs nothing per change (the ids in the change_event row, in memory). What a
// client receives is built once per change for all of this instance's subscribers: the
// event object itself is shared (so the transport can execute it once per audience), and
// the rows it needs come from one set of loaders per delivered position (fresh: made
// after the change, kept for seconds), so a booking seen by ten thousand subscribers is
// read once, not ten thousand times. Opening a subscription reads what it needs once for
// every concurrent opening of the same kind (a reconnect storm asks for the same service).
import { LRUCache } from 'lru-cache';
import type { Notification as NotificationRow } from '../../generated/prisma/client';
import { badInput, notFound, type DomainError } from '../../domain-error';
import { RequestLoaders } from '../../graphql/context';
import type { ChangeFeed } from '../../infra/change-feed';
import type { Logger } from '../../infra/logger';
import type { PublishedChange } from '../../infra/pubsub';
import type { ProviderScheduling, SchedulingCatalog } from '../availability/catalog-port';
import type { BookingsService } from '../bookings/bookings.service';
import type { Viewer } from '../identity/viewer';
import type { NotificationsService } from '../notifications/notifications.service';
import { bookingWindow, horizonWindow, type BookingPayload } from './availability-window';
import { FeedSubscription, type Standing } from './feed-subscription';
import { KIND_OF_OP, type AvailabilityChange, type BookingChange } from './realtime-events';

export interface RealtimeDeps {
  feed: ChangeFeed;
  bookings: Pick<BookingsService, 'bookingLoader'>;
  catalog: Pick<SchedulingCatalog, 'serviceForBooking' | 'providerScheduling' | 'providerOfUser'>;
  notifications: Pick<NotificationsService, 'loader'>;
  /** Identity's answer to "may this viewer still receive?", and its signal when that may have changed. */
  principals: { refusal(viewer: Viewer): Promise<DomainError | null>; watch(viewer: Viewer, onChange: () => void): () => void };
  log: Logger;
  now?: () => Date;
}

/** How a subscription's field resolvers get the loaders of the event being delivered. */
export interface Delivery {
  use(loaders: RequestLoaders): void;
}

// Loaders per delivered position: long enough for every subscriber of one event, short
// enough that a subscriber catching up later reads rows fresh.
const SHARED_LOADERS_MS = 2000;

const MS_PER_MINUTE = 60_000;
const POSITION = /^\d{1,18}$/;

export class RealtimeService {
  private readonly now: () => Date;
  // Provider settings for availability windows, shared by this instance's subscribers and
  // re-read once per availability change (a settings change is itself one).
  private readonly schedules = new LRUCache<string, { since: bigint; scheduling: Promise<ProviderScheduling | null> }>({ max: 1000 });
  private readonly eventLoaders = new LRUCache<string, RequestLoaders>({ max: 256, ttl: SHARED_LOADERS_MS });
  // What each live change became, per projection, for every subscriber that receives the
  // same change object from the hub; gone with the change.
  private readonly projected = new WeakMap<PublishedChange, Map<string, Promise<unknown>>>();
  private readonly opening = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: RealtimeDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private readonly onError = (err: unknown) => this.deps.log.error({ err }, 'subscription: delivery failed; retrying from the table');

  /** The viewer's bookings as customer or provider (admins: all); one booking when id is given. */
  async bookingUpdated(viewer: Viewer, args: { id: string | null; afterEventId: string | null }, delivery: Delivery) {
    const after = await this.resumePoint(args.afterEventId);
    const admin = viewer.role === 'ADMIN';
    const providerId = admin
      ? null
      : ((await this.once(`provider-of:${viewer.userId}`, () => this.deps.catalog.providerOfUser(viewer.userId)))?.id ?? null);
    if (args.id !== null) {
      const id = args.id;
      const booking = await this.once(`booking:${id}`, () => this.deps.bookings.bookingLoader().load(id));
      const mine = booking && (admin || booking.customerId === viewer.userId || booking.providerId === providerId);
      if (!mine) throw notFound('That booking'); // the same answer for someone else's booking: ids cannot be probed
    }
    return new FeedSubscription<BookingChange>(this.deps.feed, {
      filter: { tables: ['booking'], rowId: args.id ?? undefined, audience: admin ? 'all' : { userId: viewer.userId, providerId } },
      after,
      onError: this.onError,
      standing: this.standingOf(viewer),
      project: async (changes) => {
        const loader = this.loadersFor(changes, delivery).get('realtime.booking', () => this.deps.bookings.bookingLoader());
        const events = changes.map((c) =>
          this.shared(c, 'booking', async (): Promise<BookingChange | null> => {
            const booking = await loader.load(c.rowId);
            const kind = KIND_OF_OP[c.op];
            if (!booking || !kind) return null; // deleted since: there is no row to show
            const previousStatus = (c.payload as BookingPayload).previousStatus ?? null;
            return { eventId: c.position, kind, booking, previousStatus, occurredAt: new Date(c.createdAt) };
          }),
        );
        return present(await Promise.all(events));
      },
    });
  }

  /** Public: changes to the free slots of a service (its provider's bookings of any service, and availability). */
  async availabilityChanged(args: { serviceId: string; afterEventId: string | null }) {
    const after = await this.resumePoint(args.afterEventId);
    const service = await this.once(`service:${args.serviceId}`, () => this.deps.catalog.serviceForBooking(args.serviceId));
    if (!service?.active) throw notFound('That service');
    const heldMs = (service.durationMinutes + service.bufferMinutes) * MS_PER_MINUTE;
    const base = { serviceId: service.id, providerId: service.providerId };
    const projection = `availability:${service.id}:${heldMs}`;
    return new FeedSubscription<AvailabilityChange>(this.deps.feed, {
      filter: { tables: ['booking', 'availability'], audience: { providerId: service.providerId } },
      after,
      onError: this.onError,
      project: async (changes) => {
        const events = changes.map((c) =>
          this.shared(c, projection, async (): Promise<AvailabilityChange | null> => {
            const window = c.tableName === 'booking' ? bookingWindow(c.op, c.payload as BookingPayload, heldMs) : await this.horizon(c);
            return window && { eventId: c.position, ...base, ...window, occurredAt: new Date(c.createdAt) };
          }),
        );
        return present(await Promise.all(events));
      },
    });
  }

  /** The viewer's new notifications. */
  async notificationAdded(viewer: Viewer, delivery: Delivery) {
    return new FeedSubscription<NotificationRow>(this.deps.feed, {
      filter: { tables: ['notification'], audience: { userId: viewer.userId } },
      after: null,
      onError: this.onError,
      standing: this.standingOf(viewer),
      project: async (changes) => {
        // One reader per notification: the row (shared through the position's loaders) is the event.
        const loader = this.loadersFor(changes, delivery).get('realtime.notification', () => this.deps.notifications.loader());
        const rows = await loader.loadMany(changes.map((c) => c.rowId));
        return rows.filter((r): r is NotificationRow => Boolean(r) && !(r instanceof Error));
      },
    });
  }

  private standingOf(viewer: Viewer): Standing {
    return { refusal: () => this.deps.principals.refusal(viewer), watch: (onChange) => this.deps.principals.watch(viewer, onChange) };
  }

  /** What `change` becomes under `projection`, built by the first subscriber that needs it. */
  private shared<T>(change: PublishedChange, projection: string, build: () => Promise<T>): Promise<T> {
    let byProjection = this.projected.get(change);
    if (!byProjection) this.projected.set(change, (byProjection = new Map()));
    let built = byProjection.get(projection) as Promise<T> | undefined;
    if (!built) {
      built = build();
      byProjection.set(projection, built);
      built.catch(() => byProjection.delete(projection)); // a failed build is retried, not remembered
    }
    return built;
  }

  /** One read for all concurrent openings that ask the same; nothing is kept once it settles. */
  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.opening.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read().finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
    }
    return pending;
  }

  /** The loaders every subscriber shares for the chunk ending at this position (its field resolvers too). */
  private loadersFor(changes: PublishedChange[], delivery: Delivery): RequestLoaders {
    const position = changes.at(-1)?.position ?? '0';
    let loaders = this.eventLoaders.get(position);
    if (!loaders) this.eventLoaders.set(position, (loaders = new RequestLoaders()));
    delivery.use(loaders);
    return loaders;
  }

  /** afterEventId checked: a position this feed has given out (or 0). */
  private async resumePoint(afterEventId: string | null): Promise<bigint | null> {
    if (afterEventId === null) return null;
    if (!POSITION.test(afterEventId)) throw badInput('afterEventId', 'afterEventId must be an eventId this API sent');
    const after = BigInt(afterEventId);
    if (after > (await this.deps.feed.bounds()).last) {
      throw badInput('afterEventId', 'afterEventId is ahead of this feed; reload and subscribe without it');
    }
    return after;
  }

  /** The provider's whole bookable horizon, read once per availability change per instance. */
  private async horizon(change: PublishedChange) {
    const providerId = change.providerId;
    if (!providerId) return null;
    const at = BigInt(change.position);
    let cached = this.schedules.get(providerId);
    if (!cached || cached.since < at) {
      const scheduling = this.deps.catalog.providerScheduling(providerId);
      scheduling.catch(() => this.schedules.delete(providerId)); // a failed read is not remembered
      cached = { since: at, scheduling };
      this.schedules.set(providerId, cached);
    }
    const scheduling = await cached.scheduling;
    return scheduling && horizonWindow(this.now(), scheduling.timeZone, scheduling.maxAdvanceDays);
  }
}

const present = <T>(items: (T | null)[]): T[] => items.filter((item): item is T => item !== null);
