// Reading the catalog: categories, the services list and search, a service, a provider,
// the per-request loaders behind the field resolvers, and what bookings and availability
// ask of the catalog. Viewer-independent reads are cached (catalog-cache.ts).
import DataLoader from 'dataloader';
import { z } from 'zod';
import { notFound } from '../../domain-error';
import { Prisma } from '../../generated/prisma/client';
import type { Connection } from '../../shared/paging';
import type { Db, PreparedStatements } from '../../infra/database';
import { parseInput, timeZoneField } from '../../input-validation';
import type { UsersService } from '../identity/users.service';
import type { Viewer } from '../identity/viewer';
import { keyOf, type CatalogCache } from './catalog-cache';
import { isUuid } from '../../shared/ids';
import * as rows from './catalog.rows';
import type {
  CategoryRow,
  ImageRow,
  ProviderRow,
  ProviderScheduling,
  PublicProfileRow,
  SchedulableService,
  SchedulingPatch,
  ServiceForBooking,
  ServiceRow,
} from './catalog.rows';
import { ServiceOrder } from './service-order';
import { loadServicesPage, primeLoaders, reviveServicesPage, type CatalogLoaders, type ServicesPage } from './service-pages';
import { parseServicesQuery, type ServicesArgs } from './services-query';

/** What the catalog asks of the availability module for `ServiceFilter.availableFrom/To`. */
export interface FreeSlotSearch {
  /** Ids of active services having at least one free slot starting in [from, to). */
  serviceIdsWithFreeSlot(from: Date, to: Date): Promise<string[]>;
}

/** Root query fields answered from catalog data alone (the edge response cache may keep them). */
export const CATALOG_PUBLIC_QUERIES: ReadonlySet<string> = new Set(['categories', 'services', 'service', 'provider']);

const schedulingSchema = z.object({
  timeZone: timeZoneField().optional(),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60, 'must be at most 30 days')
    .optional(),
  maxAdvanceDays: z.number().int().min(1).max(365).optional(),
});

export class CatalogService {
  readonly publicQueries = CATALOG_PUBLIC_QUERIES;

  constructor(
    private readonly prisma: Db,
    private readonly cache: CatalogCache,
    private readonly users: UsersService,
    private readonly freeSlots: () => FreeSlotSearch,
    private readonly reads: PreparedStatements,
  ) {}

  /** Every category, archived ones included (browse lists filter them out). */
  categories(): Promise<CategoryRow[]> {
    return this.cache.read('categories', () => this.loadCategories(), reviveCategories);
  }

  /** The categories people browse: the archived ones left out. */
  async activeCategories(): Promise<CategoryRow[]> {
    return (await this.categories()).filter((c) => !c.archivedAt);
  }

  async category(id: string): Promise<CategoryRow> {
    const found = (await this.categories()).find((c) => c.id === id);
    if (!found) throw notFound('That category');
    return found;
  }

  /**
   * The services list: active services only, unless includeInactive (a provider's own list).
   * The page's related rows are primed into the request's loaders when they are given.
   */
  async services(args: ServicesArgs, loaders?: CatalogLoaders, includeInactive = false): Promise<Connection<ServiceRow>> {
    const query = parseServicesQuery(args, includeInactive);
    const sources = { prisma: this.prisma, reads: this.reads, users: this.users, categories: () => this.categories() };
    let page: ServicesPage;
    if (query.window) {
      // Free slots change with every booking, so such lists are computed, never cached.
      const ids = await this.freeSlots().serviceIdsWithFreeSlot(query.window.from, query.window.to);
      page = await loadServicesPage(sources, { ...query, criteria: { ...query.criteria, onlyIds: ids } });
    } else {
      page = await this.cache.read(`services:${keyOf(query)}`, () => loadServicesPage(sources, query), reviveServicesPage);
    }
    if (loaders) primeLoaders(loaders, page);
    return page.connection;
  }

  /** A provider's services: strangers see the active ones, the provider and admins all of them. */
  providerServices(
    provider: ProviderRow,
    viewer: Viewer | null,
    page: { first: number; after: string | null },
    loaders?: CatalogLoaders,
  ): Promise<Connection<ServiceRow>> {
    const includeInactive = !!viewer && (viewer.role === 'ADMIN' || viewer.userId === provider.userId);
    return this.services({ filter: { providerId: provider.id }, orderBy: ServiceOrder.NEWEST, ...page }, loaders, includeInactive);
  }

  /** Any service, active or not, so links to a withdrawn service still show what it was. */
  service(id: string): Promise<ServiceRow | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.cache.read(
      `service:${id}`,
      () => this.prisma.service.findUnique({ where: { id } }),
      (s) => s && rows.reviveService(s),
    );
  }

  provider(id: string): Promise<ProviderRow | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.cache.read(`provider:${id}`, () => this.prisma.providerProfile.findUnique({ where: { id } }), rows.reviveProvider);
  }

  // ------------------------------------------------------------ per-request loaders

  serviceLoader(): DataLoader<string, ServiceRow | null> {
    return byId((ids) => this.prisma.service.findMany({ where: { id: { in: ids } } }));
  }

  providerLoader(): DataLoader<string, ProviderRow | null> {
    return byId((ids) => this.prisma.providerProfile.findMany({ where: { id: { in: ids } } }));
  }

  /** Provider profiles by their owner's user id (User.provider). */
  providerByUserLoader(): DataLoader<string, ProviderRow | null> {
    return new DataLoader(async (userIds) => {
      const found = await this.prisma.providerProfile.findMany({ where: { userId: { in: [...userIds] } } });
      const byUser = new Map(found.map((p) => [p.userId, p]));
      return userIds.map((id) => byUser.get(id) ?? null);
    });
  }

  /** A service's images in display order. */
  imagesLoader(): DataLoader<string, ImageRow[]> {
    return new DataLoader(async (serviceIds) => {
      const images = await this.prisma.serviceImage.findMany({
        where: { serviceId: { in: [...serviceIds] } },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      });
      const byService = new Map<string, ImageRow[]>();
      for (const image of images) byService.set(image.serviceId, [...(byService.get(image.serviceId) ?? []), image]);
      return serviceIds.map((id) => byService.get(id) ?? []);
    });
  }

  /** Categories come from the cached list: a handful of rows, read once per request at most. */
  categoryLoader(): DataLoader<string, CategoryRow | null> {
    return new DataLoader(async (ids) => {
      const byCategory = new Map((await this.categories()).map((c) => [c.id, c]));
      return ids.map((id) => byCategory.get(id) ?? null);
    });
  }

  /** The public face of a provider's owner, through the identity module (public columns only). */
  ownerLoader(): DataLoader<string, PublicProfileRow | null> {
    return this.users.publicProfileLoader();
  }

  // ------------------------------------------------------------ for bookings and availability

  async serviceForBooking(serviceId: string): Promise<ServiceForBooking | null> {
    if (!isUuid(serviceId)) return null;
    return this.prisma.service.findUnique({
      where: { id: serviceId },
      select: {
        id: true,
        providerId: true,
        title: true,
        priceAmount: true,
        currency: true,
        durationMinutes: true,
        bufferMinutes: true,
        instantBooking: true,
        active: true,
      },
    });
  }

  /**
   * Every active service with its provider's scheduling settings, for availability's
   * "has a free slot" filter over the whole catalog: one query, cached under the catalog's version.
   */
  schedulableServices(): Promise<SchedulableService[]> {
    return this.cache.read(
      'schedulable-services',
      () => this.loadSchedulableServices(),
      (rows) => rows,
    );
  }

  async providerScheduling(providerId: string): Promise<ProviderScheduling | null> {
    if (!isUuid(providerId)) return null;
    return this.prisma.providerProfile.findUnique({ where: { id: providerId }, select: schedulingColumns });
  }

  async providerOfUser(userId: string): Promise<ProviderScheduling | null> {
    if (!isUuid(userId)) return null;
    return this.prisma.providerProfile.findUnique({ where: { userId }, select: schedulingColumns });
  }

  /** Changes a provider's scheduling settings; BAD_USER_INPUT names the field at fault. */
  /** With `tx`, inside the caller's transaction: the caller calls catalogChanged() once it commits. */
  async updateScheduling(providerId: string, patch: SchedulingPatch, tx?: Prisma.TransactionClient): Promise<void> {
    const data = parseInput(schedulingSchema, patch);
    const db = tx ?? this.prisma;
    const found = isUuid(providerId) && (await db.providerProfile.findUnique({ where: { id: providerId }, select: { id: true } }));
    if (!found) throw notFound('That provider');
    await db.providerProfile.update({ where: { id: providerId }, data });
    if (!tx) await this.cache.invalidate();
  }

  /** A new review's rating, inside the reviews module's transaction; call catalogChanged() once it commits. */
  async recordRating(tx: Prisma.TransactionClient, providerId: string, rating: number): Promise<void> {
    await tx.providerProfile.update({
      where: { id: providerId },
      data: { ratingCount: { increment: 1 }, ratingSum: { increment: rating } },
    });
  }

  /** For modules that change what the catalog shows (reviews move ratings): retire cached reads. */
  catalogChanged(): Promise<void> {
    return this.cache.invalidate();
  }

  // ------------------------------------------------------------ for the edge response cache

  version(): Promise<number> {
    return this.cache.version();
  }

  onChange(listener: () => void): () => void {
    return this.cache.onChange(listener);
  }

  private async loadSchedulableServices(): Promise<SchedulableService[]> {
    return this.schedulableRows(Prisma.sql`WHERE s.active ORDER BY s.id`);
  }

  /** An active service with its provider's settings, in one statement (a booking's first read). */
  async schedulableService(serviceId: string): Promise<SchedulableService | null> {
    if (!isUuid(serviceId)) return null;
    const [found] = await this.schedulableRows(Prisma.sql`WHERE s.id = ${serviceId}::uuid AND s.active`);
    return found ?? null;
  }

  private async schedulableRows(where: Prisma.Sql): Promise<SchedulableService[]> {
    const found = await this.reads.prepared<ServiceForBooking & Omit<ProviderScheduling, 'id'>>(Prisma.sql`
      SELECT s.id::text AS id, s.provider_id::text AS "providerId", s.title, s.price_amount AS "priceAmount", s.currency,
             s.duration_minutes AS "durationMinutes", s.buffer_minutes AS "bufferMinutes", s.instant_booking AS "instantBooking",
             s.active, p.user_id::text AS "userId", p.business_name AS "businessName", p.time_zone AS "timeZone",
             p.min_notice_minutes AS "minNoticeMinutes", p.max_advance_days AS "maxAdvanceDays"
      FROM service s JOIN provider p ON p.id = s.provider_id
      ${where}`);
    return found.map(({ userId, businessName, timeZone, minNoticeMinutes, maxAdvanceDays, ...service }) => ({
      service,
      scheduling: { id: service.providerId, userId, businessName, timeZone, minNoticeMinutes, maxAdvanceDays },
    }));
  }

  private async loadCategories(): Promise<CategoryRow[]> {
    // Prepared: every page that misses reads it (Prisma's raw path was 4% of a miss's CPU).
    return this.reads.prepared<CategoryRow>(Prisma.sql`
      SELECT c.id::text AS id, c.slug, c.name, c.sort_order AS "sortOrder", c.archived_at AS "archivedAt",
             (count(s.id) FILTER (WHERE s.active))::int AS "serviceCount"
      FROM category c LEFT JOIN service s ON s.category_id = c.id
      GROUP BY c.id ORDER BY c.sort_order, c.name`);
  }
}

const reviveCategories = (list: CategoryRow[]) => list.map((c) => ({ ...c, archivedAt: c.archivedAt && new Date(c.archivedAt) }));

const schedulingColumns = {
  id: true,
  userId: true,
  businessName: true,
  timeZone: true,
  minNoticeMinutes: true,
  maxAdvanceDays: true,
} as const;

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const valid = ids.filter(isUuid);
    const found = valid.length ? await load(valid) : [];
    const map = new Map(found.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}
