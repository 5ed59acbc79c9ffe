// What availability and bookings read from the catalog, as a port: the catalog's
// CatalogService provides these methods, and a test could hand in a twin. Providers'
// scheduling settings live in the catalog's provider table; only the catalog writes it.
// The shapes are the catalog's own (catalog.rows.ts); only the port is declared here.
import type { Prisma } from '../../generated/prisma/client';
import type { ProviderScheduling, SchedulableService, SchedulingPatch, ServiceForBooking } from '../catalog/catalog.rows';

/** A service as booking needs it: what it costs, how long it takes, who offers it. */
export type BookableService = ServiceForBooking;
/** A provider's scheduling settings (their one IANA zone, notice and horizon), and a change to them. */
export type { ProviderScheduling, SchedulingPatch };
/** An active service with its provider's settings (the catalog filter reads them all at once). */
export type { SchedulableService };

export interface SchedulingCatalog {
  serviceForBooking(serviceId: string): Promise<BookableService | null>;
  /** An active service with its provider's settings, read together (null when missing or inactive). */
  schedulableService(serviceId: string): Promise<SchedulableService | null>;
  providerScheduling(providerId: string): Promise<ProviderScheduling | null>;
  providerOfUser(userId: string): Promise<ProviderScheduling | null>;
  /** Every active service with its provider's settings. */
  schedulableServices(): Promise<SchedulableService[]>;
  /** With `tx`, inside the caller's transaction; call catalogChanged() after it commits. */
  updateScheduling(providerId: string, patch: SchedulingPatch, tx?: Prisma.TransactionClient): Promise<void>;
  catalogChanged(): Promise<void>;
  /** A number that changes after every committed catalog write (services, providers). */
  version(): Promise<number>;
  /** Called synchronously after each local catalog write. */
  onChange(listener: () => void): () => void;
}
