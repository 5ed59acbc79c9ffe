// Cloudinary when CLOUDINARY_URL is set; otherwise files under DATA_DIR served at /media.
import type { Express } from 'express';
import { join } from 'node:path';
import type { Config } from '../../config';
import { createCloudinaryMediaStore } from './cloudinary-media-store';
import { createLocalMediaStore } from './local-media-store';
import type { MediaStore } from './media-store';
import { withRememberedUrls } from './remembered-urls';

const filesUnder = (dataDir: string) => join(dataDir.startsWith('memory://') ? '.data' : dataDir, 'media');

/** Where local media files live; null when Cloudinary holds them. */
export const localMediaDir = (config: Config): string | null => (config.cloudinary.url ? null : filesUnder(config.dataDir));

export function openMediaStore(config: Config): { store: MediaStore; routes?: (app: Express) => void } {
  if (config.cloudinary.url) {
    return {
      store: withRememberedUrls(createCloudinaryMediaStore({ url: config.cloudinary.url, uploadPrefix: config.cloudinary.uploadPrefix })),
    };
  }
  const local = createLocalMediaStore({
    dir: filesUnder(config.dataDir),
    publicUrl: config.publicUrl,
    secret: config.jwtSecret,
  });
  return { store: withRememberedUrls(local.store), routes: (app) => app.use('/media', local.router) };
}
