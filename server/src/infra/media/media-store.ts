// The media port. Browsers upload images straight to the store (Cloudinary, or this
// server's own /media route) with parameters the API signs; the API only records the
// publicId after verifyAsset says it is really there, in the caller's folder.

export interface UploadSignature {
  uploadUrl: string;
  fields: { name: string; value: string }[];
  expiresAt: Date;
}

export interface MediaSize {
  width?: number | null;
  height?: number | null;
}

export interface MediaStore {
  readonly kind: 'cloudinary' | 'local';
  /** Signed parameters for a direct browser upload into the provider's folder. */
  signUpload(input: { folder: string /* e.g. homeser/providers/<providerId> */; now: Date }): UploadSignature;
  /** True when publicId lies in the folder and the asset exists (Cloudinary: Admin API resource lookup OK; local: file exists). */
  verifyAsset(publicId: string, folder: string): Promise<boolean>;
  /** Delivery URL: Cloudinary `f_auto,q_auto` + crop (c_fill with w/h when given), or the local route with ?w=&h= */
  url(publicId: string, size?: MediaSize): string;
}

export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
export const ALLOWED_FORMATS = ['jpg', 'png', 'webp', 'gif', 'avif'] as const;
export type ImageFormat = (typeof ALLOWED_FORMATS)[number];

// Folders and public ids become file paths (local) and URL paths (both), so only plain
// segments are allowed: no dots, so no "..", no hidden files, no extensions.
const SEGMENTS = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function isSafePath(path: string): boolean {
  return path.length <= 300 && SEGMENTS.test(path);
}

export function assertSafeFolder(folder: string): void {
  if (!isSafePath(folder)) throw new Error(`media folder "${folder}" must be slash-separated [A-Za-z0-9_-] segments`);
}

/** publicId is a well-formed id directly or deeper inside folder. */
export function isInFolder(publicId: string, folder: string): boolean {
  return isSafePath(folder) && isSafePath(publicId) && publicId.startsWith(`${folder}/`);
}

// Every distinct size is a derived image the provider renders (and Cloudinary bills),
// so sizes are whole pixels within a sane range.
export function clampDimension(value: number | null | undefined): number | undefined {
  if (value == null || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.min(4000, Math.max(1, Math.round(value)));
}
