// Slot results in the Cache port, invalidated by version counters rather than deletes:
// every availability or booking write of a provider bumps `slots:<providerId>` and the
// global `slots:all` (after its commit), so the next read builds a new key. A result
// computed from data older than a bump is stored under the old version, which no reader
// asks for again: bump-after-commit makes this safe without locks.
import { cached, type Cache } from '../../infra/cache/cache';
import type { Slot } from './slot-calculator';

type StoredSlots = [number, number, number][];

export const providerVersionName = (providerId: string) => `slots:${providerId}`;
export const GLOBAL_VERSION_NAME = 'slots:all';

export class SlotCache {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {}

  /** Slots of one service under the provider's current version; `facts` are the other inputs of the result. */
  async slots(providerId: string, facts: (string | number)[], compute: () => Promise<Slot[]>): Promise<Slot[]> {
    const version = await this.cache.version(providerVersionName(providerId));
    const key = ['slots', providerId, version, ...facts].join(':');
    const stored = await cached<StoredSlots>(this.cache, key, this.ttlSeconds, async () =>
      (await compute()).map((s) => [s.startsAt.getTime(), s.endsAt.getTime(), s.seatsLeft]),
    );
    return stored.map(([start, end, seatsLeft]) => ({ startsAt: new Date(start), endsAt: new Date(end), seatsLeft }));
  }

  /** What availableSlots reads of the catalog, under the catalog's own version (any catalog write retires it). */
  target<T>(catalogVersion: number, serviceId: string, compute: () => Promise<T>): Promise<T> {
    return cached(this.cache, `slot-target:${catalogVersion}:${serviceId}`, this.ttlSeconds, compute);
  }

  /** The catalog filter's answer, under the global version. */
  async freeServices(facts: (string | number)[], compute: () => Promise<string[]>): Promise<string[]> {
    const version = await this.cache.version(GLOBAL_VERSION_NAME);
    return cached(this.cache, ['free-services', version, ...facts].join(':'), this.ttlSeconds, compute);
  }

  /** Call after a committed change to the provider's rules, exceptions, settings or bookings. */
  async providerChanged(...providerIds: string[]): Promise<void> {
    if (!providerIds.length) return;
    await this.cache.bump(...[...new Set(providerIds)].map(providerVersionName), GLOBAL_VERSION_NAME);
    for (const listener of this.listeners) listener();
  }

  /** Moves with every provider's change, on any instance (the edge response cache polls it). */
  globalVersion(): Promise<number> {
    return this.cache.version(GLOBAL_VERSION_NAME);
  }

  /** Called after each local change has bumped the versions, so in-process caches drop entries at once. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
