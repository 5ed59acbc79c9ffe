// The catalog: providers, services, search, images and cached reads.
import type { Infra } from '../../infra';
import type { MediaStore } from '../../infra/media/media-store';
import type { UsersService } from '../identity/users.service';
import type { ModuleParts } from '../module';
import { CatalogAccess } from './catalog-access';
import { CatalogCache } from './catalog-cache';
import { CategoriesResolver } from './categories.resolver';
import { CategoriesService } from './categories.service';
import { ServiceResolver } from './catalog.resolver';
import { CatalogService, type FreeSlotSearch } from './catalog.service';
import { ImagesService } from './images.service';
import { ListingsService } from './listings.service';
import { ImageResolver, ProviderResolver, UserProviderResolver } from './provider.resolver';
import { ProvidersService } from './providers.service';

export type { FreeSlotSearch } from './catalog.service';
export { CatalogService, CATALOG_PUBLIC_QUERIES } from './catalog.service';
export type { ProviderRow, ProviderScheduling, ServiceForBooking, ServiceRow } from './catalog.rows';
export { Provider, Service } from './catalog.types';

export const catalogResolvers = [ServiceResolver, CategoriesResolver, ProviderResolver, UserProviderResolver, ImageResolver] as const;

export function catalogModule(infra: Infra, deps: { users: UsersService; media: MediaStore; freeSlots: () => FreeSlotSearch }) {
  const cache = new CatalogCache(infra.cache, infra.config.cacheTtlSeconds);
  const access = new CatalogAccess(infra.prisma);
  const catalog = new CatalogService(infra.prisma, cache, deps.users, deps.freeSlots, infra.database);
  const listings = new ListingsService(infra.prisma, access, cache);
  const providers = new ProvidersService(infra.prisma, deps.users, cache);
  const images = new ImagesService(infra.prisma, access, deps.media, cache);
  const categories = new CategoriesService(infra.prisma, cache, (id) => catalog.category(id));
  const parts: ModuleParts = {
    bindings: [
      [ServiceResolver, new ServiceResolver(catalog, listings, images)],
      [ProviderResolver, new ProviderResolver(catalog, providers)],
      [UserProviderResolver, new UserProviderResolver(catalog)],
      [ImageResolver, new ImageResolver(deps.media)],
      [CategoriesResolver, new CategoriesResolver(categories)],
    ],
  };
  return { catalog, parts };
}
