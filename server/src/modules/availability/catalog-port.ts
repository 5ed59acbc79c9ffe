// What availability and bookings read from the catalog, as a port: the catalog's
// CatalogService provides these methods, and a test could hand in a twin. Providers'
// scheduling settings live in the catalog's provider table; only the catalog writes it.

/** A service as booking needs it: what it costs, how long it takes, who offers it. */
export interface BookableService {
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

/** A provider's scheduling settings (their one IANA zone, notice and horizon). */
export interface ProviderScheduling {
  id: string;
  userId: string;
  timeZone: string;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

export interface SchedulingPatch {
  timeZone?: string;
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
}

export interface SchedulingCatalog {
  serviceForBooking(serviceId: string): Promise<BookableService | null>;
  providerScheduling(providerId: string): Promise<ProviderScheduling | null>;
  providerOfUser(userId: string): Promise<ProviderScheduling | null>;
  updateScheduling(providerId: string, patch: SchedulingPatch): Promise<void>;
  /** A number that changes after every committed catalog write (services, providers). */
  version(): Promise<number>;
}
