// A page of the services list together with what its cards show: providers, their owners'
// public profiles, images and categories. Computed once per cache lifetime and cached as
// one entry, then primed into the request's DataLoaders, so a cached page runs no SQL at
// all. On a miss it is at most two statements whatever the page size: one hand-written
// statement for the matches, the page, its services, providers, images and the owners'
// public profiles (as one JSON value, so Prisma compiles no query shapes and builds no row
// objects for it; the profiles' part is the identity module's, `publicProfilesJson`), and
// the categories list, which is cached apart. The related rows
// are loaded even if a client asks only for titles, because the entry serves every later
// client.
import type DataLoader from 'dataloader';
import { Prisma } from '../../generated/prisma/client';
import type { Db, PreparedStatements } from '../../infra/database';
import { toConnection, type Connection } from '../../shared/paging';
import type { UsersService } from '../identity/users.service';
import type { CategoryRow, ImageRow, ProviderRow, PublicProfileRow, ServiceRow } from './catalog.rows';
import { reviveProvider, reviveService } from './catalog.rows';
import { searchCtes, type Cursor } from './service-search';
import type { ServicesQuery } from './services-query';

/** The request's catalog loaders (the names are shared with other modules: see catalog-loaders.ts). */
export interface CatalogLoaders {
  service: DataLoader<string, ServiceRow | null>;
  provider: DataLoader<string, ProviderRow | null>;
  owner: DataLoader<string, PublicProfileRow | null>;
  images: DataLoader<string, ImageRow[]>;
  category: DataLoader<string, CategoryRow | null>;
  /** Rows of the pages this request read, answered without a promise. */
  primed: PrimedRows;
}

export interface ServicesPage {
  connection: Connection<ServiceRow>;
  providers: ProviderRow[];
  owners: PublicProfileRow[];
  images: ImageRow[];
  categories: CategoryRow[];
}

export interface PageSources {
  prisma: Db;
  reads: PreparedStatements;
  users: UsersService;
  categories: () => Promise<CategoryRow[]>;
}

/** What the page statement returns, as JSON (instants as strings, revived below). */
interface PageJson {
  total: number;
  /** The page's services, with one more than asked when there is a next page. */
  items: { k: string; service: ServiceRow }[];
  providers: ProviderRow[];
  owners: PublicProfileRow[];
  images: ImageRow[];
}

// Every column of the rows the page primes (the loaders serve them to any field resolver);
// these tables hold nothing a stranger may not see. Owners' columns are the identity module's.
const SERVICE_JSON = Prisma.sql`json_build_object('id', s.id, 'providerId', s.provider_id, 'categoryId', s.category_id,
  'title', s.title, 'description', s.description, 'priceAmount', s.price_amount, 'currency', s.currency,
  'durationMinutes', s.duration_minutes, 'bufferMinutes', s.buffer_minutes, 'instantBooking', s.instant_booking,
  'terms', s.terms, 'active', s.active, 'createdAt', s.created_at, 'updatedAt', s.updated_at)`;
const PROVIDER_JSON = Prisma.sql`json_build_object('id', p.id, 'userId', p.user_id, 'businessName', p.business_name,
  'bio', p.bio, 'city', p.city, 'timeZone', p.time_zone, 'minNoticeMinutes', p.min_notice_minutes,
  'maxAdvanceDays', p.max_advance_days, 'ratingCount', p.rating_count, 'ratingSum', p.rating_sum,
  'createdAt', p.created_at, 'updatedAt', p.updated_at)`;
const IMAGE_JSON = Prisma.sql`json_build_object('id', i.id, 'serviceId', i.service_id, 'publicId', i.public_id,
  'position', i.position, 'createdAt', i.created_at)`;

export async function loadServicesPage({ prisma, reads, users, categories }: PageSources, query: ServicesQuery): Promise<ServicesPage> {
  const { ctes, dir } = searchCtes(query.criteria, query.order, query.first, query.after);
  const pageSql = Prisma.sql`
      WITH ${ctes},
        shown_providers AS (SELECT * FROM provider WHERE id IN (SELECT s.provider_id FROM shown sh JOIN service s ON s.id = sh.id))
      SELECT json_build_object(
        'total', (SELECT count(*) FROM matches),
        'items', coalesce((SELECT json_agg(json_build_object('k', pg.k::text, 'service', ${SERVICE_JSON}) ORDER BY pg.k ${dir}, pg.id ${dir})
                           FROM page pg JOIN service s ON s.id = pg.id), '[]'),
        'providers', coalesce((SELECT json_agg(${PROVIDER_JSON}) FROM shown_providers p), '[]'),
        'owners', ${users.publicProfilesJson(Prisma.sql`SELECT user_id FROM shown_providers`)},
        'images', coalesce((SELECT json_agg(${IMAGE_JSON} ORDER BY i.service_id, i.position, i.created_at) FROM service_image i
                            WHERE i.service_id IN (SELECT id FROM shown)), '[]')
      )::text AS page`;
  type PageRow = { page: string };
  const [[row], categoryRows] = await Promise.all([
    // Browse pages (no search words) come in a few shapes: prepared. A search's text grows with its words.
    query.criteria.search ? prisma.$queryRaw<PageRow[]>(pageSql) : reads.prepared<PageRow>(pageSql),
    categories(),
  ]);
  const found = JSON.parse(row!.page) as PageJson;
  const providers = found.providers.map((p) => reviveProvider(p)!);
  const connection = toConnection(
    found.items,
    query.first,
    found.total,
    (i): Cursor => [query.order, i.k, i.service.id],
    (i) => reviveService(i.service),
  );
  return { connection, providers, owners: found.owners, images: found.images.map(reviveImage), categories: categoryRows };
}

const reviveImage = (i: ImageRow): ImageRow => ({ ...i, createdAt: new Date(i.createdAt) });

/** The cache holds JSON: Dates come back as strings. */
export const reviveServicesPage = (page: ServicesPage): ServicesPage => ({
  ...page,
  connection: { ...page.connection, edges: page.connection.edges.map((e) => ({ cursor: e.cursor, node: reviveService(e.node) })) },
  providers: page.providers.map((p) => reviveProvider(p)!),
  images: page.images.map(reviveImage),
});

/** A page's rows by id: built once per page object, and a cached page is one object per catalog version. */
interface PageRows {
  services: Map<string, ServiceRow>;
  providers: Map<string, ProviderRow>;
  owners: Map<string, PublicProfileRow>;
  /** Every service of the page, with [] for one without images. */
  images: Map<string, ImageRow[]>;
  categories: Map<string, CategoryRow>;
}

const rowsOfPage = new WeakMap<ServicesPage, PageRows>();

function pageRows(page: ServicesPage): PageRows {
  let rows = rowsOfPage.get(page);
  if (rows) return rows;
  const byId = <R extends { id: string }>(list: R[]) => new Map(list.map((r) => [r.id, r]));
  const services = page.connection.edges.map((e) => e.node);
  const images = new Map<string, ImageRow[]>(services.map((s) => [s.id, []]));
  for (const image of page.images) images.get(image.serviceId)?.push(image);
  rows = {
    services: byId(services),
    providers: byId(page.providers),
    owners: byId(page.owners),
    images,
    categories: byId(page.categories),
  };
  rowsOfPage.set(page, rows);
  return rows;
}

/**
 * The rows of the pages a request has read, so the field resolvers of a page's 20 cards
 * answer at once instead of each waiting on a loader's promise (a warm page executes with
 * no promise per card, which is most of what a cached page costs after serialising).
 */
export class PrimedRows {
  private readonly pages: PageRows[] = [];
  add(page: ServicesPage): PageRows {
    const rows = pageRows(page);
    this.pages.push(rows);
    return rows;
  }
  provider = (id: string) => this.find((p) => p.providers.get(id));
  owner = (userId: string) => this.find((p) => p.owners.get(userId));
  images = (serviceId: string) => this.find((p) => p.images.get(serviceId));
  category = (id: string) => this.find((p) => p.categories.get(id));
  private find<R>(lookup: (page: PageRows) => R | undefined): R | undefined {
    for (const page of this.pages) {
      const row = lookup(page);
      if (row !== undefined) return row;
    }
    return undefined;
  }
}

/** Hands the page's rows to the request: its primed rows, and its loaders for any other path that asks for them. */
export function primeLoaders(loaders: CatalogLoaders, page: ServicesPage): void {
  const rows = loaders.primed.add(page);
  for (const [id, service] of rows.services) loaders.service.prime(id, service);
  for (const [id, images] of rows.images) loaders.images.prime(id, images);
  for (const [id, provider] of rows.providers) loaders.provider.prime(id, provider);
  for (const [id, owner] of rows.owners) loaders.owner.prime(id, owner);
  for (const [id, category] of rows.categories) loaders.category.prime(id, category);
}
