// Viewer-independent catalog reads go through the cache under keys that carry the catalog
// version; every catalog write bumps the version, so one bump retires every entry at once
// and the next read sees the change. The version is read before the database, so a page
// computed from rows older than a write can only land under the version it retires.
// With Redis away the port answers misses and reads fall through to the database.
// Concurrent misses of one key in this process share one computation (no stampede after a
// write retires a hot page).
import { createHash } from 'node:crypto';
import { cached, type Cache } from '../../infra/cache/cache';

const VERSION = 'catalog';

export class CatalogCache {
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Local writes so far: keeps a read that starts after a write off a computation begun before it. */
  private writes = 0;

  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {}

  /** The cached value of key, or compute()'s (stored for next time); revive turns JSON back into rows. */
  async read<T>(key: string, compute: () => Promise<T>, revive: (value: T) => T): Promise<T> {
    if (this.ttlSeconds <= 0) return compute();
    const versioned = `catalog:v${await this.cache.version(VERSION)}:${key}`;
    const flight = `${this.writes}:${versioned}`;
    let pending = this.inFlight.get(flight) as Promise<T> | undefined;
    if (!pending) {
      pending = cached(this.cache, versioned, this.ttlSeconds, compute).finally(() => this.inFlight.delete(flight));
      this.inFlight.set(flight, pending);
    }
    return revive(await pending);
  }

  /** After a write has committed: retire every cached catalog read, here and on other instances. */
  async invalidate(): Promise<void> {
    this.writes++;
    await this.cache.bump(VERSION);
    for (const listener of this.listeners) listener();
  }

  /** The version other instances' writes move (the edge response cache polls it). */
  version(): Promise<number> {
    return this.cache.version(VERSION);
  }

  /** Called synchronously after each local write, so in-process caches drop entries at once. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** A short, stable cache key for a query's arguments. */
export const keyOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');
