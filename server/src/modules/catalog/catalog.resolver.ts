// Services: browse and search, offer and change them, their images. Field resolvers batch
// through per-request DataLoaders, so a page costs a fixed number of queries.
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, Role } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { Money } from '../../graphql/common.types';
import { money } from '../../shared/money';
import { viewerOf, type AppContext } from '../../graphql/context';
import { DomainError } from '../../domain-error';
import { catalogLoaders } from './catalog-loaders';
import type { CatalogService } from './catalog.service';
import type { ImagesService } from './images.service';
import type { ListingsService } from './listings.service';
import { Category, Image, Provider, Service, ServiceConnection, UploadSignature } from './catalog.types';
import { ServiceFilter, ServiceInput, ServiceOrder, ServiceUpdateInput } from './catalog.inputs';

@Resolver(() => Service)
export class ServiceResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly listings: ListingsService,
    private readonly serviceImages: ImagesService,
  ) {}

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => [Category], { description: 'The categories to browse; admins may ask for the archived ones too.' })
  categories(
    @Arg('includeArchived', () => Boolean, { nullable: true, defaultValue: false }) includeArchived: boolean | null,
    @Ctx() ctx: AppContext,
  ) {
    if (!includeArchived) return this.catalog.activeCategories();
    if (ctx.viewer?.role !== Role.ADMIN) throw new DomainError('FORBIDDEN', 'Only admins see archived categories');
    return this.catalog.categories();
  }

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => ServiceConnection, { description: 'Active services, filtered and ordered; first is at most 100.' })
  services(
    @Arg('filter', () => ServiceFilter, { nullable: true }) filter: ServiceFilter | null,
    @Arg('orderBy', () => ServiceOrder, { nullable: true, defaultValue: ServiceOrder.RELEVANCE }) orderBy: ServiceOrder,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.catalog.services({ filter, orderBy, first, after }, catalogLoaders(ctx, this.catalog));
  }

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => Service, { nullable: true })
  service(@Arg('id', () => ID) id: string) {
    return this.catalog.service(id);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Service)
  createService(@Arg('input', () => ServiceInput) input: ServiceInput, @Ctx() ctx: AppContext) {
    return this.listings.createService(viewerOf(ctx), input);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Service, { description: 'The provider of the service, or an admin.' })
  updateService(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ServiceUpdateInput) input: ServiceUpdateInput,
    @Ctx() ctx: AppContext,
  ) {
    return this.listings.updateService(viewerOf(ctx), id, input);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => UploadSignature, { description: 'Signed parameters for a direct browser upload of one image.' })
  createImageUpload(@Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null, @Ctx() ctx: AppContext) {
    return this.serviceImages.createUpload(viewerOf(ctx), serviceId);
  }

  @Authorized()
  @Mutation(() => UploadSignature, {
    description: 'Signed parameters for a direct browser upload of your avatar; then updateProfile(avatarPublicId).',
  })
  createAvatarUpload(@Ctx() ctx: AppContext) {
    return this.serviceImages.createAvatarUpload(viewerOf(ctx));
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Service)
  addServiceImage(@Arg('serviceId', () => ID) serviceId: string, @Arg('publicId', () => String) publicId: string, @Ctx() ctx: AppContext) {
    return this.serviceImages.addImage(viewerOf(ctx), serviceId, publicId);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Service)
  removeServiceImage(@Arg('serviceId', () => ID) serviceId: string, @Arg('imageId', () => ID) imageId: string, @Ctx() ctx: AppContext) {
    return this.serviceImages.removeImage(viewerOf(ctx), serviceId, imageId);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Service, { description: "Shows the service's images in this order; imageIds names each of them once." })
  reorderServiceImages(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('imageIds', () => [ID]) imageIds: string[],
    @Ctx() ctx: AppContext,
  ) {
    return this.serviceImages.reorderImages(viewerOf(ctx), serviceId, imageIds);
  }

  @FieldResolver(() => Provider)
  provider(@Root() service: Service, @Ctx() ctx: AppContext) {
    const loaders = catalogLoaders(ctx, this.catalog);
    return loaders.primed.provider(service.providerId) ?? loaders.provider.load(service.providerId);
  }

  @FieldResolver(() => Category)
  category(@Root() service: Service, @Ctx() ctx: AppContext) {
    const loaders = catalogLoaders(ctx, this.catalog);
    return loaders.primed.category(service.categoryId) ?? loaders.category.load(service.categoryId);
  }

  @FieldResolver(() => [Image])
  images(@Root() service: Service, @Ctx() ctx: AppContext) {
    const loaders = catalogLoaders(ctx, this.catalog);
    return loaders.primed.images(service.id) ?? loaders.images.load(service.id);
  }

  @FieldResolver(() => Money)
  price(@Root() service: Service): Money {
    return money(service.priceAmount, service.currency);
  }
}
