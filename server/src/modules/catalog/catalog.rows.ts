// What the catalog reads from the database and keeps in the cache. The cache stores JSON,
// so Dates come back as strings: every cached read goes through one of the revivers.
import type { ProviderProfile, Service, ServiceImage } from '../../generated/prisma/client';
import type { PublicProfile } from '../identity/users.service';

export type ServiceRow = Service;
export type ProviderRow = ProviderProfile;
export type ImageRow = ServiceImage;

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  sortOrder: number;
  /** Active services in the category. */
  serviceCount: number;
  archivedAt: Date | null;
}

/** What anyone may see of a provider's owner (the identity module's public profile). */
export type PublicProfileRow = PublicProfile;

/** What the bookings module needs to price and place a booking. */
export interface ServiceForBooking {
  id: string;
  providerId: string;
  title: string;
  priceAmount: number;
  currency: string;
  durationMinutes: number;
  bufferMinutes: number;
  instantBooking: boolean;
  active: boolean;
}

/** A provider's scheduling settings (availability and bookings read them). */
export interface ProviderScheduling {
  id: string;
  userId: string;
  /** The name customers see (notices of bookings say it). */
  businessName: string;
  timeZone: string;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

/** An active service and its provider's scheduling settings. */
export interface SchedulableService {
  service: ServiceForBooking;
  scheduling: ProviderScheduling;
}

export interface SchedulingPatch {
  timeZone?: string;
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export const reviveService = (s: ServiceRow): ServiceRow => ({ ...s, createdAt: date(s.createdAt), updatedAt: date(s.updatedAt) });

export const reviveProvider = (p: ProviderRow | null): ProviderRow | null =>
  p && { ...p, createdAt: date(p.createdAt), updatedAt: date(p.updatedAt) };

/** ratingSum / ratingCount, or null before the first review. */
export const ratingAverage = (p: Pick<ProviderRow, 'ratingSum' | 'ratingCount'>): number | null =>
  p.ratingCount > 0 ? p.ratingSum / p.ratingCount : null;

export const providerFolder = (providerId: string) => `homeser/providers/${providerId}`;
