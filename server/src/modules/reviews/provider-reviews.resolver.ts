// What reviews add to providers: their reviews, their rank, and the ranking itself.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import type { AppContext } from '../../graphql/context';
import { Provider } from '../catalog';
import { reviewLoaders } from './reviews-loaders';
import type { ReviewsService } from './reviews.service';
import { ReviewConnection } from './reviews.types';

@Resolver(() => Provider)
export class ProviderReviewsResolver {
  constructor(private readonly service: ReviewsService) {}

  @ForApiKeys(ApiScope.CATALOG_READ)
  @Query(() => [Provider], {
    description: 'Best-ranked providers first (see Provider.rank): all, or those offering an active service in the category.',
  })
  topProviders(
    @Arg('categoryId', () => ID, { nullable: true }) categoryId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() ctx: AppContext,
  ) {
    return this.service.topProviders({ categoryId, first }, reviewLoaders(ctx, this.service));
  }

  @FieldResolver(() => ReviewConnection, { description: 'Newest first.' })
  reviews(
    @Root() provider: Provider,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.service.providerReviews(provider.id, { first, after }, reviewLoaders(ctx, this.service));
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '1-based position in the platform ranking; null until the provider has a review.',
  })
  rank(@Root() provider: Provider, @Ctx() ctx: AppContext) {
    return this.service.rank(provider, reviewLoaders(ctx, this.service));
  }
}
