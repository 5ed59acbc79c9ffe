// The request's review DataLoaders: a page of providers asks for its reviews, ranks and
// authors in one statement each. Authors are public profiles (id, name, avatar: never a
// password hash or an email), under the name the catalog's provider owners use too.
import type { AppContext } from '../../graphql/context';
import type { ReviewsService } from './reviews.service';

export interface ReviewLoaders {
  page: ReturnType<ReviewsService['pageLoader']>;
  byBooking: ReturnType<ReviewsService['byBookingLoader']>;
  rank: ReturnType<ReviewsService['rankLoader']>;
  authors: ReturnType<ReviewsService['authorLoader']>;
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
    get authors() {
      return loaders.get('identity.publicProfile', () => reviews.authorLoader());
    },
  };
}
