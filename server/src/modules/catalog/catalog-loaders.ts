// The request's catalog DataLoaders, under names other modules use too (bookings resolves
// Booking.service and Booking.provider through 'catalog.service' and 'catalog.provider'
// with the same factories), so one request shares one loader per entity.
import type { AppContext, RequestLoaders } from '../../graphql/context';
import type { CatalogService } from './catalog.service';
import { PrimedRows, type CatalogLoaders } from './service-pages';

// One accessor per request: field resolvers ask for it once per field of every node.
const perRequest = new WeakMap<RequestLoaders, CatalogLoaders>();

export function catalogLoaders(ctx: AppContext, catalog: CatalogService): CatalogLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = accessor(ctx.loaders, catalog);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

function accessor(loaders: RequestLoaders, catalog: CatalogService): CatalogLoaders {
  return {
    primed: new PrimedRows(),
    get service() {
      return loaders.get('catalog.service', () => catalog.serviceLoader());
    },
    get provider() {
      return loaders.get('catalog.provider', () => catalog.providerLoader());
    },
    get owner() {
      // Shared with the reviews' authors: one statement for every person a page shows.
      return loaders.get('identity.publicProfile', () => catalog.ownerLoader());
    },
    get images() {
      return loaders.get('catalog.images', () => catalog.imagesLoader());
    },
    get category() {
      return loaders.get('catalog.category', () => catalog.categoryLoader());
    },
  };
}
