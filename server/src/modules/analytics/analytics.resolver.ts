import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../generated/prisma/enums';
import { viewerOf, type AppContext } from '../../graphql/context';
import { Provider, type CatalogService } from '../catalog';
import { DEFAULT_TIME_ZONE, type AnalyticsService } from './analytics.service';
import { PlatformAnalytics, ProviderStat } from './analytics.types';

@Resolver(() => PlatformAnalytics)
export class AnalyticsResolver {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @Authorized(Role.ADMIN, Role.PROVIDER)
  @Query(() => PlatformAnalytics, { description: 'Admin: the platform; provider: their own business (topProviders then holds only them).' })
  analytics(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('timeZone', () => String, { nullable: true, defaultValue: DEFAULT_TIME_ZONE }) timeZone: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.analyticsService.analytics(viewerOf(ctx), { from, to, timeZone });
  }
}

@Resolver(() => ProviderStat)
export class ProviderStatResolver {
  constructor(private readonly catalog: Pick<CatalogService, 'providerLoader'>) {}

  @FieldResolver(() => Provider)
  async provider(@Root() stat: ProviderStat, @Ctx() ctx: AppContext) {
    const provider = await ctx.loaders.get('catalog.provider', () => this.catalog.providerLoader()).load(stat.providerId);
    if (!provider) throw new Error(`provider ${stat.providerId} of an analytics row was not found`);
    return provider;
  }
}
