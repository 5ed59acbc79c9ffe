// Viewer-independent catalog reads go through the cache under keys that carry the catalog
// version; every catalog write bumps the version, so one bump retires every entry at once
// and the next read sees the change. The version is read before the database, so a page
// computed from rows older than a write can only land under the version it retires.
// With Redis away the port answers misses and reads fall through to the database.
// Concurrent misses of one key in this process share one computation (no stampede after a
// write retires a hot page).
//
// An entry under a version never changes, so each process keeps what it revived under the
// current version (REVIVED_ENTRIES of them): a warm read then costs one version read, not a
// GET and a revival of a ~28 KB page per request (issue 20: that revival was ~half of the warm
// path's CPU, in GC). The version itself is remembered for VERSION_READ_MS (as long as the edge cache polls it), so one request's
// reads (its page, then its providers' ranks) share one GET; local writes forget it at once,
// other instances' writes show within that time.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { cached, type Cache } from '../../infra/cache/cache';

const VERSION = 'catalog';
const VERSION_READ_MS = 1000;
const REVIVED_ENTRIES = 500;

export class CatalogCache {
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Local writes so far: keeps a read that starts after a write off a computation begun before it. */
  private writes = 0;
  /** Revived values by versioned key (values under a version never change). */
  private readonly revived: LRUCache<string, { value: unknown }>;
  private versionRead: { value: Promise<number>; at: number; writes: number } | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {
    // The TTL bounds what the version does not cover (e.g. an owner's renamed profile), here as in Redis.
    this.revived = new LRUCache({ max: REVIVED_ENTRIES, ttl: Math.max(1, ttlSeconds) * 1000 });
  }

  /** The cached value of key, or compute()'s (stored for next time); revive turns JSON back into rows. */
  async read<T>(key: string, compute: () => Promise<T>, revive: (value: T) => T): Promise<T> {
    if (this.ttlSeconds <= 0) return compute();
    const version = await this.version();
    const versioned = `catalog:v${version}:${key}`;
    const flight = `${this.writes}:${versioned}`;
    const known = this.revived.get(flight);
    if (known) return known.value as T;
    let pending = this.inFlight.get(flight) as Promise<T> | undefined;
    if (!pending) {
      const writes = this.writes;
      pending = cached(this.cache, versioned, this.ttlSeconds, compute)
        .then((value) => {
          const rows = revive(value);
          // -1: Redis is away and nothing is cached; a write since the read began: the rows may predate it.
          if (version >= 0 && writes === this.writes) this.revived.set(flight, { value: rows });
          return rows;
        })
        .finally(() => this.inFlight.delete(flight));
      this.inFlight.set(flight, pending);
    }
    return pending;
  }

  /** After a write has committed: retire every cached catalog read, here and on other instances. */
  async invalidate(): Promise<void> {
    this.writes++;
    this.versionRead = undefined;
    await this.cache.bump(VERSION);
    this.versionRead = undefined; // a read between the two may have seen the version before the bump
    this.revived.clear();
    for (const listener of this.listeners) listener();
  }

  /** The version other instances' writes move (the edge response cache polls it); one GET per VERSION_READ_MS. */
  version(): Promise<number> {
    const now = Date.now();
    const last = this.versionRead;
    if (last && last.writes === this.writes && now - last.at < VERSION_READ_MS) return last.value;
    const value = this.cache.version(VERSION);
    this.versionRead = { value, at: now, writes: this.writes };
    return value;
  }

  /** Called synchronously after each local write, so in-process caches drop entries at once. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** A short, stable cache key for a query's arguments. */
export const keyOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');
