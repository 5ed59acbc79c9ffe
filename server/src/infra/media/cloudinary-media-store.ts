// The real backend: Cloudinary. Browsers upload straight to Cloudinary with parameters
// signed here (api_secret never leaves the server); delivery URLs carry the resizing.
//
// Size limit: a signed browser upload has no max-file-size parameter (only upload
// presets can cap bytes, and the signature cannot force a preset's limits onto the
// request). What the signature does bind: folder, allowed_formats and the timestamp
// (Cloudinary refuses signatures older than an hour). The byte limit is enforced when
// the API records the image: verifyAsset reads the resource through the Admin API and
// refuses one over maxBytes (the upload itself still happened; the oversized asset is
// simply never referenced). Put a max_file_size on the account's upload preset too to
// stop it at the door.
import http from 'node:http';
import { v2 as cloudinary } from 'cloudinary';
import {
  ALLOWED_FORMATS,
  MEDIA_MAX_BYTES,
  assertSafeFolder,
  snapSize,
  isInFolder,
  type MediaSize,
  type MediaStore,
  type UploadSignature,
} from './media-store';

export interface CloudinaryMediaStoreOptions {
  /** cloudinary://<api_key>:<api_secret>@<cloud_name> (CLOUDINARY_URL) */
  url: string;
  /** Base of the upload and Admin APIs instead of https://api.cloudinary.com (tests point it at a stand-in). */
  uploadPrefix?: string;
  maxBytes?: number;
}

export interface CloudinaryMediaStore extends MediaStore {
  readonly kind: 'cloudinary';
  /** Server-side upload (seed data, scripts) of a path, URL or data: URI into folder. */
  upload(file: string, folder: string): Promise<{ publicId: string; format: string; bytes: number }>;
}

export interface CloudinaryCredentials {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
}

const SIGNATURE_LIFETIME_SECONDS = 60 * 60; // Cloudinary's own limit for a signed timestamp

export function parseCloudinaryUrl(url: string): CloudinaryCredentials {
  const u = new URL(url);
  const creds = {
    cloudName: decodeURIComponent(u.hostname),
    apiKey: decodeURIComponent(u.username),
    apiSecret: decodeURIComponent(u.password),
  };
  if (u.protocol !== 'cloudinary:' || !creds.cloudName || !creds.apiKey || !creds.apiSecret) {
    throw new Error('CLOUDINARY_URL must look like cloudinary://<api_key>:<api_secret>@<cloud_name>');
  }
  return creds;
}

export function createCloudinaryMediaStore(options: CloudinaryMediaStoreOptions): CloudinaryMediaStore {
  const { cloudName, apiKey, apiSecret } = parseCloudinaryUrl(options.url);
  const maxBytes = options.maxBytes ?? MEDIA_MAX_BYTES;
  const prefix = options.uploadPrefix?.replace(/\/+$/, '');
  // Credentials go with every call instead of into the SDK's process-wide config, so
  // two stores (or a test's stand-in) never see each other's settings.
  const api = {
    cloud_name: cloudName,
    api_key: apiKey,
    api_secret: apiSecret,
    ...(prefix ? { upload_prefix: prefix } : {}),
    // The SDK picks http or https once, at load, from the global config; a plain-http
    // prefix given per call needs an http agent or Node refuses the protocol.
    ...(prefix?.startsWith('http:') ? { agent: new http.Agent({ keepAlive: false }) } : {}),
  };
  const delivery = { cloud_name: cloudName, secure: true, urlAnalytics: false };

  return {
    kind: 'cloudinary',

    signUpload({ folder, now }): UploadSignature {
      assertSafeFolder(folder);
      const timestamp = Math.floor(now.getTime() / 1000);
      // Everything signed must be posted back unchanged; api_key, file and
      // resource_type are sent but never signed (Cloudinary's rule).
      const signed = { timestamp: String(timestamp), folder, allowed_formats: ALLOWED_FORMATS.join(',') };
      const signature = cloudinary.utils.api_sign_request(signed, apiSecret);
      return {
        uploadUrl: `${prefix ?? 'https://api.cloudinary.com'}/v1_1/${encodeURIComponent(cloudName)}/image/upload`,
        fields: [
          { name: 'api_key', value: apiKey },
          ...Object.entries(signed).map(([name, value]) => ({ name, value })),
          { name: 'signature', value: signature },
        ],
        expiresAt: new Date((timestamp + SIGNATURE_LIFETIME_SECONDS) * 1000),
      };
    },

    async verifyAsset(publicId, folder) {
      if (!isInFolder(publicId, folder)) return false;
      let resource: { public_id?: string; format?: string; bytes?: number };
      try {
        resource = await cloudinary.api.resource(publicId, { ...api, resource_type: 'image', type: 'upload' });
      } catch (err) {
        if (httpCode(err) === 404) return false;
        throw cloudinaryError('resource lookup', err);
      }
      return (
        resource.public_id === publicId &&
        (ALLOWED_FORMATS as readonly string[]).includes(resource.format ?? '') &&
        typeof resource.bytes === 'number' &&
        resource.bytes <= maxBytes
      );
    },

    url(publicId, size?: MediaSize) {
      const { width, height } = snapSize(size);
      const crop = width || height ? [{ crop: 'fill', ...(width ? { width } : {}), ...(height ? { height } : {}) }] : [];
      // Crop first, then let Cloudinary pick the format and quality the browser takes best.
      return cloudinary.url(publicId, { ...delivery, transformation: [...crop, { fetch_format: 'auto', quality: 'auto' }] });
    },

    async upload(file, folder) {
      assertSafeFolder(folder);
      try {
        const res = await cloudinary.uploader.upload(file, {
          ...api,
          folder,
          resource_type: 'image',
          allowed_formats: [...ALLOWED_FORMATS],
        });
        return { publicId: res.public_id, format: res.format, bytes: res.bytes };
      } catch (err) {
        throw cloudinaryError('upload', err);
      }
    },
  };
}

// The SDK rejects with { error: { message, http_code }, request_options } or an Error,
// and request_options holds the API secret: keep only the message and the status.
function httpCode(err: unknown): number | undefined {
  const e = (err as { error?: { http_code?: unknown } } | null)?.error;
  return typeof e?.http_code === 'number' ? e.http_code : undefined;
}

function cloudinaryError(what: string, err: unknown): Error {
  const inner = (err as { error?: { message?: unknown } } | null)?.error;
  const message = inner ? String(inner.message) : err instanceof Error ? err.message : 'unknown error';
  const code = httpCode(err);
  return new Error(`Cloudinary ${what} failed${code ? ` (HTTP ${code})` : ''}: ${message}`);
}
