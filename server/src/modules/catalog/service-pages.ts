// A page of the services list together with what its cards show: providers, their owners'
// public profiles, images and categories. Computed once per cache lifetime and cached as
// one entry, then primed into the request's DataLoaders, so a cached page runs no SQL at
// all. On a miss that is a fixed five statements (search, services, providers, images,
// owners) plus the categories list, whatever the page size; the related rows are loaded
// even if a client asks only for titles, because the entry serves every later client.
import type DataLoader from 'dataloader';
import { toConnection, type Connection } from '../../shared/paging';
import type { Db } from '../../infra/database';
import type { UsersService } from '../identity/users.service';
import type { CategoryRow, ImageRow, ProviderRow, PublicProfileRow, ServiceRow } from './catalog.rows';
import { reviveProvider, reviveService } from './catalog.rows';
import { searchServices } from './service-search';
import type { ServicesQuery } from './services-query';

/** The request's catalog loaders (the names are shared with other modules: see catalog-loaders.ts). */
export interface CatalogLoaders {
  service: DataLoader<string, ServiceRow | null>;
  provider: DataLoader<string, ProviderRow | null>;
  owner: DataLoader<string, PublicProfileRow | null>;
  images: DataLoader<string, ImageRow[]>;
  category: DataLoader<string, CategoryRow | null>;
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
  users: UsersService;
  categories: () => Promise<CategoryRow[]>;
}

export async function loadServicesPage({ prisma, users, categories }: PageSources, query: ServicesQuery): Promise<ServicesPage> {
  const found = await searchServices(prisma, query.criteria, query.order, query.first, query.after);
  const ids = found.items.map((i) => i.id);
  const loaded = ids.length ? await prisma.service.findMany({ where: { id: { in: ids } } }) : [];
  const byId = new Map(loaded.map((s) => [s.id, s]));
  const items = found.items.flatMap((i) => (byId.has(i.id) ? [{ ...i, node: byId.get(i.id)! }] : []));
  const connection = toConnection(
    items,
    query.first,
    found.totalCount,
    (i) => i.cursor,
    (i) => i.node,
  );

  const services = connection.edges.map((e) => e.node);
  const providerIds = [...new Set(services.map((s) => s.providerId))];
  const [providers, images, categoryRows] = await Promise.all([
    providerIds.length ? prisma.providerProfile.findMany({ where: { id: { in: providerIds } } }) : [],
    services.length
      ? prisma.serviceImage.findMany({
          where: { serviceId: { in: services.map((s) => s.id) } },
          orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
        })
      : [],
    categories(),
  ]);
  const owners = (await users.loader().loadMany(providers.map((p) => p.userId))).flatMap((u) =>
    u && !(u instanceof Error) ? [{ id: u.id, name: u.name, avatarPublicId: u.avatarPublicId }] : [],
  );
  return { connection, providers, owners, images, categories: categoryRows };
}

/** The cache holds JSON: Dates come back as strings. */
export const reviveServicesPage = (page: ServicesPage): ServicesPage => ({
  ...page,
  connection: { ...page.connection, edges: page.connection.edges.map((e) => ({ cursor: e.cursor, node: reviveService(e.node) })) },
  providers: page.providers.map((p) => reviveProvider(p)!),
  images: page.images.map((i) => ({ ...i, createdAt: new Date(i.createdAt) })),
});

/** Hands the page's rows to the request's loaders, so field resolvers find them without SQL. */
export function primeLoaders(loaders: CatalogLoaders, page: ServicesPage): void {
  const imagesOf = new Map<string, ImageRow[]>();
  for (const image of page.images) imagesOf.set(image.serviceId, [...(imagesOf.get(image.serviceId) ?? []), image]);
  for (const { node } of page.connection.edges) {
    loaders.service.prime(node.id, node);
    loaders.images.prime(node.id, imagesOf.get(node.id) ?? []);
  }
  for (const provider of page.providers) loaders.provider.prime(provider.id, provider);
  for (const owner of page.owners) loaders.owner.prime(owner.id, owner);
  for (const category of page.categories) loaders.category.prime(category.id, category);
}
