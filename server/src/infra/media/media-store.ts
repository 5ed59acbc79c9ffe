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

/** Where a user's own uploads (an avatar) go; only ids the store confirms there are accepted. */
export const userUploadsFolder = (userId: string) => `homeser/users/${userId}`;

/** publicId is a well-formed id directly or deeper inside folder. */
export function isInFolder(publicId: string, folder: string): boolean {
  return isSafePath(folder) && isSafePath(publicId) && publicId.startsWith(`${folder}/`);
}

// Every distinct size is a derived image the store renders (and Cloudinary bills), so a
// requested size snaps to a few presets: five widths (rounded up, capped at the largest)
// and, when a height is asked for too, the nearest of four aspect ratios. E.g. 333×250 →
// 640×480 (4:3); 2000 wide → 1280. Any image then has at most 5 + 5 + 5×4 + 1 = 31 versions.
export const IMAGE_WIDTHS = [160, 320, 640, 960, 1280] as const;
export const IMAGE_ASPECTS = [1, 4 / 3, 16 / 9, 3 / 4] as const;

const snapUp = (value: number) => IMAGE_WIDTHS.find((w) => w >= value) ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!;
const given = (value: number | null | undefined): value is number => value != null && Number.isFinite(value) && value > 0;

/** The preset size closest to what was asked: `{}` for the original. */
export function snapSize(size: MediaSize | undefined): { width?: number; height?: number } {
  const width = size?.width;
  const height = size?.height;
  if (!given(width) && !given(height)) return {};
  if (!given(height)) return { width: snapUp(width!) };
  if (!given(width)) return { height: snapUp(height) };
  const asked = width / height;
  const aspect = IMAGE_ASPECTS.reduce((best, a) => (Math.abs(Math.log(a / asked)) < Math.abs(Math.log(best / asked)) ? a : best));
  const snapped = snapUp(width);
  return { width: snapped, height: Math.round(snapped / aspect) };
}

/** A public id as a URL path: each segment encoded. */
export const encodePublicId = (publicId: string) => publicId.split('/').map(encodeURIComponent).join('/');
