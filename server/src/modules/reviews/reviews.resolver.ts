// Reviews: writing one, its author, and Booking.review. Provider.reviews, Provider.rank and
// topProviders are in provider-reviews.resolver.ts.
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../generated/prisma/enums';
import { ForApiKeys } from '../../graphql/api-scope';
import { viewerOf, type AppContext } from '../../graphql/context';
import { Booking } from '../bookings/bookings.types';
import { PublicProfile } from '../identity/identity.types';
import { reviewLoaders } from './reviews-loaders';
import type { ReviewsService } from './reviews.service';
import { Review } from './reviews.types';

@Resolver(() => Review)
export class ReviewsResolver {
  constructor(private readonly reviews: ReviewsService) {}

  @Authorized()
  @ForApiKeys(ApiScope.BOOKINGS_WRITE)
  @Mutation(() => Review, { description: "The booking's customer rates its provider once it is COMPLETED; one review per booking." })
  createReview(
    @Arg('bookingId', () => ID) bookingId: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.reviews.createReview(viewerOf(ctx), { bookingId, rating, comment });
  }

  @Authorized()
  @Mutation(() => Review, {
    description: 'The reviewed provider answers in public; a new reply replaces the old, an empty one removes it.',
  })
  replyToReview(@Arg('reviewId', () => ID) reviewId: string, @Arg('reply', () => String) reply: string, @Ctx() ctx: AppContext) {
    return this.reviews.replyToReview(viewerOf(ctx), { reviewId, reply });
  }

  @FieldResolver(() => PublicProfile, { description: 'Who wrote it, as anyone may see them: no contact details.' })
  author(@Root() review: Review, @Ctx() ctx: AppContext) {
    return this.reviews.author(review, reviewLoaders(ctx, this.reviews));
  }
}

@Resolver(() => Booking)
export class BookingReviewResolver {
  constructor(private readonly reviews: ReviewsService) {}

  @FieldResolver(() => Review, { nullable: true, description: "The customer's review, once written." })
  review(@Root() booking: Booking, @Ctx() ctx: AppContext) {
    return reviewLoaders(ctx, this.reviews).byBooking.load(booking.id);
  }
}
