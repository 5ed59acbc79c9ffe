// The embedded default: an in-process LRU with per-entry TTL.
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache';

export function createMemoryCache(maxEntries = 20_000): Cache {
  const lru = new LRUCache<string, { json: string }>({ max: maxEntries, ttlAutopurge: false });
  const versions = new Map<string, number>();
  return {
    async get<T>(key: string) {
      const hit = lru.get(key);
      return hit ? (JSON.parse(hit.json) as T) : undefined;
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, { json: JSON.stringify(value) }, { ttl: ttlSeconds * 1000 });
    },
    async delete(...keys) {
      for (const k of keys) lru.delete(k);
    },
    async version(name) {
      return versions.get(name) ?? 0;
    },
    async bump(...names) {
      for (const name of names) versions.set(name, (versions.get(name) ?? 0) + 1);
    },
  };
}
