// A catalog page builds two image URLs per service on every execution, warm or not, and the
// same (image, asked size) always gives the same URL: each store's url() is a pure function
// of the public id and the size. Kept per process, bounded (sizes come from clients).
import { LRUCache } from 'lru-cache';
import type { MediaSize, MediaStore } from './media-store';

const REMEMBERED_URLS = 10_000;

export function withRememberedUrls(store: MediaStore): MediaStore {
  const urls = new LRUCache<string, string>({ max: REMEMBERED_URLS });
  return {
    ...store,
    url(publicId: string, size?: MediaSize) {
      const key = `${size?.width ?? ''}x${size?.height ?? ''}:${publicId}`;
      let found = urls.get(key);
      if (found === undefined) urls.set(key, (found = store.url(publicId, size)));
      return found;
    },
  };
}
