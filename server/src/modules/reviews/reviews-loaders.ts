// The request's review DataLoaders: a page of providers asks for its reviews, ranks and
// authors in one statement each. 'identity.user' is the name bookings use for users too.
import type { AppContext } from '../../graphql/context';
import type { ReviewsService } from './reviews.service';

export interface ReviewLoaders {
  page: ReturnType<ReviewsService['pageLoader']>;
  byBooking: ReturnType<ReviewsService['byBookingLoader']>;
  rank: ReturnType<ReviewsService['rankLoader']>;
  users: ReturnType<ReviewsService['userLoader']>;
}

export function reviewLoaders(ctx: AppContext, reviews: ReviewsService): ReviewLoaders {
  const loaders = ctx.loaders;
  return {
    get page() {
      return loaders.get('reviews.page', () => reviews.pageLoader());
    },
    get byBooking() {
      return loaders.get('reviews.byBooking', () => reviews.byBookingLoader());
    },
    get rank() {
      return loaders.get('reviews.rank', () => reviews.rankLoader());
    },
    get users() {
      return loaders.get('identity.user', () => reviews.userLoader());
    },
  };
}
