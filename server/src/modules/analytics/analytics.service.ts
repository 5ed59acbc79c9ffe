// Analytics for the dashboard: admins see the platform, a provider their own business.
// Steps: who is asking (and for which provider) → check the window and zone → the read
// model's aggregates in parallel → one point per local date, zeros included.
import { BookingStatus } from '../../generated/prisma/enums';
import { DomainError } from '../../domain-error';
import { money } from '../../shared/money';
import type { Viewer } from '../identity/viewer';
import { analyticsWindow } from './analytics-window';
import { CURRENCY, type AnalyticsReadModel, type Scope } from './analytics-read-model';
import type { PlatformAnalytics } from './analytics.types';

export const DEFAULT_TIME_ZONE = 'Asia/Dhaka';

export interface AnalyticsArgs {
  from: Date;
  to: Date;
  timeZone?: string | null;
}

/** The catalog as analytics needs it: whose business a provider account runs. */
export interface ProviderDirectory {
  providerOfUser(userId: string): Promise<{ id: string } | null>;
}

export class AnalyticsService {
  constructor(
    private readonly readModel: AnalyticsReadModel,
    private readonly providers: ProviderDirectory,
  ) {}

  async analytics(viewer: Viewer, args: AnalyticsArgs): Promise<PlatformAnalytics> {
    const providerId = await this.businessOf(viewer);
    const window = analyticsWindow(args.from, args.to, args.timeZone ?? DEFAULT_TIME_ZONE);
    const scope: Scope = { from: window.from, to: window.to, timeZone: window.timeZone, providerId };
    const [statuses, bookingsByDay, revenueByDay, refunded, top, newcomers] = await Promise.all([
      this.readModel.bookingsByStatus(scope),
      this.readModel.bookingsByDay(scope),
      this.readModel.revenueByDay(scope),
      this.readModel.refunded(scope),
      this.readModel.topProviders(scope),
      providerId
        ? this.readModel.newCustomersOf({ ...scope, providerId }).then((customers) => ({ customers, providers: 0 }))
        : this.readModel.newUsers(scope),
    ]);
    const revenue = [...revenueByDay.values()].reduce((sum, n) => sum + n, 0);
    const ranked = providerId && !top.length ? [{ providerId, bookings: 0, revenue: 0 }] : top;
    return {
      bookingsByStatus: Object.values(BookingStatus).map((status) => ({ status, count: statuses.get(status) ?? 0 })),
      revenue: money(revenue, CURRENCY),
      refunded: money(refunded, CURRENCY),
      daily: window.dates.map((date) => ({
        date,
        bookings: bookingsByDay.get(date) ?? 0,
        revenue: money(revenueByDay.get(date) ?? 0, CURRENCY),
      })),
      topProviders: ranked.map((p) => ({ providerId: p.providerId, bookings: p.bookings, revenue: money(p.revenue, CURRENCY) })),
      newCustomers: newcomers.customers,
      newProviders: newcomers.providers,
    };
  }

  /** null for an admin (the platform); the provider's id for a provider; anyone else is refused. */
  private async businessOf(viewer: Viewer): Promise<string | null> {
    if (viewer.role === 'ADMIN') return null;
    const business = viewer.role === 'PROVIDER' ? await this.providers.providerOfUser(viewer.userId) : null;
    if (!business) throw new DomainError('FORBIDDEN', 'Analytics are for admins and for providers with a business profile');
    return business.id;
  }
}
