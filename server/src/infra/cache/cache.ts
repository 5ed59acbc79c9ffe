// The cache port. Values are JSON. A cache that cannot answer behaves as a miss, so a
// read falls through to the database instead of failing.
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** A counter that only grows; used as a version in keys so one bump invalidates many entries. */
  version(name: string): Promise<number>;
  /** Bumps every counter named, in one round trip. */
  bump(...names: string[]): Promise<void>;
}

/** Reads through the cache: returns the cached value, or computes, stores and returns it. */
export async function cached<T>(cache: Cache, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
  if (ttlSeconds <= 0) return compute();
  const hit = await cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await compute();
  await cache.set(key, value, ttlSeconds);
  return value;
}
