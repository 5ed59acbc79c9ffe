// What customers do with reviews, and how reviews and the ranking are read.
//
// createReview: the booking's customer, once the booking is COMPLETED (bookings' transition
// table says so), once per booking. The review and the provider's rating totals change in
// one transaction (the totals through the catalog, which owns them); the unique index on
// review.booking_id, not the read before it, settles two submits racing each other; the
// provider's REVIEW_RECEIVED notice is written in that transaction too. Then the catalog
// version moves, so cached pages, ranks and the edge cache show the new rating.
import DataLoader from 'dataloader';
import { z } from 'zod';
import { DomainError, badInput, notFound } from '../../domain-error';
import { pageSize, toConnection, type Connection } from '../../shared/paging';
import { keysetPage } from '../../shared/keyset';
import { PgError, sqlState, type Db } from '../../infra/database';
import { parseInput } from '../../input-validation';
import { refusal } from '../bookings/booking-transitions';
import type { BookingsService } from '../bookings/bookings.service';
import type { CatalogService, ProviderRow } from '../catalog';
import { isUuid } from '../../shared/ids';
import type { PublicProfileRow } from '../catalog/catalog.rows';
import type { UsersService } from '../identity/users.service';
import type { Viewer } from '../identity/viewer';
import type { Delivery, NotificationsService } from '../notifications/notifications.service';
import type { ProviderRanking } from './ranking';
import type { PageRequest, PageRows, ReviewRow, ReviewStore } from './review-store';
import type { ReviewLoaders } from './reviews-loaders';

const MAX_COMMENT = 2000;
const reviewSchema = z.object({
  bookingId: z.string(),
  rating: z.number().int('must be a whole number of stars').min(1, 'must be from 1 to 5 stars').max(5, 'must be from 1 to 5 stars'),
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT, `must be at most ${MAX_COMMENT} characters`)
    .nullish()
    .transform((v) => v || null),
});

const replySchema = z.object({
  reviewId: z.string(),
  reply: z
    .string()
    .trim()
    .max(MAX_COMMENT, `must be at most ${MAX_COMMENT} characters`)
    .transform((v) => v || null),
});

/** What reviews ask of bookings: the booking, and the cancellation policy the transition table reads. */
export type ReviewsBookings = Pick<BookingsService, 'bookingLoader' | 'policy'>;
/** What reviews ask of the catalog: record a rating inside our transaction, then retire cached reads. */
export type ReviewsCatalog = Pick<CatalogService, 'recordRating' | 'catalogChanged' | 'providerLoader'>;

export interface ReviewsDeps {
  prisma: Db;
  store: ReviewStore;
  ranking: ProviderRanking;
  bookings: ReviewsBookings;
  catalog: ReviewsCatalog;
  users: Pick<UsersService, 'loader' | 'publicProfileLoader'>;
  notifications: Pick<NotificationsService, 'prepare'>;
  now?: () => Date;
}

const alreadyReviewed = () => new DomainError('CONFLICT', 'You have already reviewed this booking; a booking is reviewed once');

export class ReviewsService {
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The customer rates the provider of a completed booking, 1 to 5 stars, with an optional comment. */
  async createReview(viewer: Viewer, input: { bookingId: string; rating: number; comment?: string | null }): Promise<ReviewRow> {
    const { bookingId, rating, comment } = parseInput(reviewSchema, input);
    const booking = await this.reviewableBooking(viewer, bookingId);
    const notice = await this.noticeOf(booking, viewer.userId, rating, comment);
    const review = await this.insert(
      { bookingId: booking.id, providerId: booking.providerId, authorId: viewer.userId, rating, comment },
      notice,
    );
    await this.deps.catalog.catalogChanged();
    return review;
  }

  /**
   * The reviewed provider answers in public, once per review (a new answer replaces the old;
   * an empty one takes it down). Cached provider pages show it after the catalog moves.
   */
  async replyToReview(viewer: Viewer, input: { reviewId: string; reply: string }): Promise<ReviewRow> {
    const { reviewId, reply } = parseInput(replySchema, input);
    const review = await this.deps.store.byId(reviewId);
    if (!review) throw notFound('That review');
    const provider = await this.deps.catalog.providerLoader().load(review.providerId);
    if (provider?.userId !== viewer.userId) throw new DomainError('FORBIDDEN', 'Only the reviewed provider can answer this review');
    const answered = await this.deps.store.setReply(review.id, reply, this.now());
    await this.deps.catalog.catalogChanged();
    return answered;
  }

  /** Provider.reviews: newest first; the store pages many providers in one statement (review-store.ts). */
  async providerReviews(
    providerId: string,
    args: { first?: number | null; after?: string | null },
    loaders: ReviewLoaders,
  ): Promise<Connection<ReviewRow>> {
    const first = pageSize(args.first);
    const { after, cursorOf } = keysetPage('createdAt', args.after);
    const page = await loaders.page.load({ providerId, take: first + 1, after: after && { createdAt: after.at, id: after.id } });
    return toConnection(page.rows, first, page.totalCount, cursorOf, (r) => r);
  }

  /** Review.author: only what anyone may see of a person. */
  async author(review: ReviewRow, loaders: ReviewLoaders): Promise<PublicProfileRow | null> {
    return loaders.authors.load(review.authorId);
  }

  /** Provider.rank: null until the provider has a review (see ranking.ts). */
  rank(provider: Pick<ProviderRow, 'id' | 'ratingCount'>, loaders: ReviewLoaders): Promise<number | null> {
    return provider.ratingCount > 0 ? loaders.rank.load(provider.id) : Promise.resolve(null);
  }

  /** Query.topProviders: best rank first; the ranks found are handed to the request's rank loader. */
  async topProviders(args: { categoryId?: string | null; first?: number | null }, loaders?: ReviewLoaders): Promise<ProviderRow[]> {
    const first = pageSize(args.first, 10);
    if (args.categoryId && !isUuid(args.categoryId)) throw badInput('categoryId', 'categoryId is not a valid id');
    const top = await this.deps.ranking.top(args.categoryId ?? null, first);
    for (const { rank, provider } of top) loaders?.rank.prime(provider.id, rank);
    return top.map((t) => t.provider);
  }

  /** For bookings' allowedActions: which of these bookings have their review already. */
  hasReview = async (bookingIds: readonly string[]): Promise<boolean[]> =>
    (await this.deps.store.byBookings(bookingIds)).map((review) => review !== null);

  // ------------------------------------------------------------ per-request loaders (reviews-loaders.ts)

  pageLoader(): DataLoader<PageRequest, PageRows> {
    return new DataLoader((requests) => this.deps.store.pages(requests), {
      cacheKeyFn: (r) => JSON.stringify([r.providerId, r.take, r.after]),
    });
  }

  byBookingLoader(): DataLoader<string, ReviewRow | null> {
    return new DataLoader((ids) => this.deps.store.byBookings(ids));
  }

  rankLoader(): DataLoader<string, number | null> {
    return new DataLoader((ids) => this.deps.ranking.ranks(ids));
  }

  authorLoader: UsersService['publicProfileLoader'] = () => this.deps.users.publicProfileLoader();

  // ------------------------------------------------------------ steps of createReview

  /** The booking, if the viewer is its customer (FORBIDDEN) and the table allows REVIEW now; CONFLICT once reviewed. */
  private async reviewableBooking(viewer: Viewer, bookingId: string) {
    const booking = await this.deps.bookings.bookingLoader().load(bookingId);
    if (!booking) throw notFound('That booking');
    if (booking.customerId !== viewer.userId) throw new DomainError('FORBIDDEN', 'Only the customer who booked can review this booking');
    const refused = refusal('REVIEW', 'customer', booking, this.now(), this.deps.bookings.policy);
    if (refused) throw new DomainError('INVALID_TRANSITION', refused);
    const [existing] = await this.deps.store.byBookings([booking.id]);
    if (existing) throw alreadyReviewed();
    return booking;
  }

  /** The provider's REVIEW_RECEIVED notice. */
  private async noticeOf(booking: { id: string; providerId: string }, authorId: string, rating: number, comment: string | null) {
    const [provider, author] = await Promise.all([
      this.deps.catalog.providerLoader().load(booking.providerId),
      this.deps.users.loader().load(authorId),
    ]);
    const who = author?.name ?? 'A customer';
    return this.deps.notifications.prepare(
      provider
        ? [
            {
              userId: provider.userId,
              type: 'REVIEW_RECEIVED',
              bookingId: booking.id,
              title: `New ${rating}-star review`,
              body: comment ? `${who} rated you ${rating} of 5: "${comment}"` : `${who} rated you ${rating} of 5.`,
            },
          ]
        : [],
    );
  }

  /** The review, the provider's totals and the notice together, or none; the unique booking_id decides a race. */
  private async insert(
    data: Pick<ReviewRow, 'bookingId' | 'providerId' | 'authorId' | 'rating' | 'comment'>,
    notice: Delivery,
  ): Promise<ReviewRow> {
    try {
      return await this.deps.prisma.$transaction(async (tx) => {
        const review = await tx.review.create({ data });
        await this.deps.catalog.recordRating(tx, data.providerId, data.rating);
        await notice.write(tx);
        return review;
      });
    } catch (err) {
      if (sqlState(err) === PgError.uniqueViolation) throw alreadyReviewed();
      throw err;
    }
  }
}
