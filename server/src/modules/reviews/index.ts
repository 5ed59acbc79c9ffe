// Reviews: a customer rates a completed booking's provider once; providers' reviews, their
// rank in the platform ranking, and the top providers.
import type { Infra } from '../../infra';
import type { UsersService } from '../identity/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ModuleParts } from '../module';
import { ProviderReviewsResolver } from './provider-reviews.resolver';
import { ProviderRanking, type RankingCatalog } from './ranking';
import { ReviewStore } from './review-store';
import { BookingReviewResolver, ReviewsResolver } from './reviews.resolver';
import { ReviewsService, type ReviewsBookings, type ReviewsCatalog } from './reviews.service';

export { Review } from './reviews.types';
export type { ReviewsService } from './reviews.service';

export const reviewsResolvers = [ReviewsResolver, BookingReviewResolver, ProviderReviewsResolver] as const;

export function reviewsModule(
  infra: Infra,
  deps: { bookings: ReviewsBookings; catalog: ReviewsCatalog & RankingCatalog; users: UsersService; notifications: NotificationsService },
) {
  const store = new ReviewStore(infra.prisma);
  const ranking = new ProviderRanking(infra.prisma, infra.cache, deps.catalog, infra.config.cacheTtlSeconds);
  const reviews = new ReviewsService({
    prisma: infra.prisma,
    store,
    ranking,
    bookings: deps.bookings,
    catalog: deps.catalog,
    users: deps.users,
    notifications: deps.notifications,
  });
  const parts: ModuleParts = {
    bindings: [
      [ReviewsResolver, new ReviewsResolver(reviews)],
      [BookingReviewResolver, new BookingReviewResolver(reviews)],
      [ProviderReviewsResolver, new ProviderReviewsResolver(reviews)],
    ],
  };
  return { reviews, parts };
}
