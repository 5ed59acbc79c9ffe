// Analytics: aggregates for the admin and provider dashboards, read straight from the
// tables by a read-only read model (see analytics-read-model.ts for why).
import type { Infra } from '../../infra';
import type { CatalogService } from '../catalog';
import type { ModuleParts } from '../module';
import { AnalyticsReadModel } from './analytics-read-model';
import { AnalyticsResolver, ProviderStatResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';

export const analyticsResolvers = [AnalyticsResolver, ProviderStatResolver] as const;

export function analyticsModule(infra: Infra, deps: { catalog: Pick<CatalogService, 'providerLoader' | 'providerOfUser'> }) {
  const analytics = new AnalyticsService(new AnalyticsReadModel(infra.prisma), deps.catalog);
  const parts: ModuleParts = {
    bindings: [
      [AnalyticsResolver, new AnalyticsResolver(analytics)],
      [ProviderStatResolver, new ProviderStatResolver(deps.catalog)],
    ],
  };
  return { analytics, parts };
}
