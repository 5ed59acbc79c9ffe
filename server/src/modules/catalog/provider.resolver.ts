// Providers: the public profile, opening a business and editing it; User.provider; and
// the delivery URL of an image.
import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, Role } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { MediaStore } from '../../infra/media/media-store';
import { PublicProfile, User } from '../identity/identity.types';
import { catalogLoaders } from './catalog-loaders';
import type { CatalogService } from './catalog.service';
import { ratingAverage } from './catalog.rows';
import type { ProvidersService } from './providers.service';
import { Image, Provider, ServiceConnection } from './catalog.types';
import { ProviderProfileInput } from './catalog.inputs';

@Resolver(() => Provider)
export class ProviderResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly providers: ProvidersService,
  ) {}

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => Provider, { nullable: true })
  provider(@Arg('id', () => ID) id: string) {
    return this.catalog.provider(id);
  }

  @Authorized()
  @Mutation(() => Provider, { description: 'Opens a business for the viewer; their role becomes PROVIDER.' })
  becomeProvider(@Arg('input', () => ProviderProfileInput) input: ProviderProfileInput, @Ctx() ctx: AppContext) {
    return this.providers.becomeProvider(viewerOf(ctx), input);
  }

  @Authorized(Role.PROVIDER, Role.ADMIN)
  @Mutation(() => Provider)
  updateProviderProfile(@Arg('input', () => ProviderProfileInput) input: ProviderProfileInput, @Ctx() ctx: AppContext) {
    return this.providers.updateProfile(viewerOf(ctx), input);
  }

  @FieldResolver(() => PublicProfile)
  owner(@Root() provider: Provider, @Ctx() ctx: AppContext) {
    const loaders = catalogLoaders(ctx, this.catalog);
    return loaders.primed.owner(provider.userId) ?? loaders.owner.load(provider.userId);
  }

  @FieldResolver(() => Float, { nullable: true })
  ratingAverage(@Root() provider: Provider) {
    return ratingAverage(provider);
  }

  @FieldResolver(() => ServiceConnection, { description: 'Newest first. The provider and admins also see inactive services.' })
  services(
    @Root() provider: Provider,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.catalog.providerServices(provider, ctx.viewer, { first, after }, catalogLoaders(ctx, this.catalog));
  }
}

@Resolver(() => User)
export class UserProviderResolver {
  constructor(private readonly catalog: CatalogService) {}

  @FieldResolver(() => Provider, { nullable: true, description: "The user's provider profile, if they have one." })
  provider(@Root() user: User, @Ctx() ctx: AppContext) {
    return ctx.loaders.get('catalog.providerByUser', () => this.catalog.providerByUserLoader()).load(user.id);
  }
}

@Resolver(() => Image)
export class ImageResolver {
  constructor(private readonly media: MediaStore) {}

  @FieldResolver(() => String, { description: 'Delivery URL sized for the request (Cloudinary transformation, or the local media route).' })
  url(
    @Root() image: Image,
    @Arg('width', () => Int, { nullable: true }) width: number | null,
    @Arg('height', () => Int, { nullable: true }) height: number | null,
  ) {
    return this.media.url(image.publicId, { width, height });
  }
}
