// Reading the review table: pages of many providers' reviews in one statement, reviews by
// booking. Newest first (createdAt desc, id desc as the tie-break) with keyset cursors over
// that pair, so a walk through the pages never repeats or skips a review.
import { Prisma, type Review as ReviewRow } from '../../generated/prisma/client';
import type { Db } from '../../infra/database';
import { isUuid } from '../../shared/ids';

export type { ReviewRow };

/** One provider's page: `take` rows after the cursor (the caller asks one more than it shows). */
export interface PageRequest {
  providerId: string;
  take: number;
  after?: { createdAt: string; id: string };
}

export interface PageRows {
  rows: ReviewRow[];
  totalCount: number;
}

interface PageRow {
  key: number;
  total: number;
  id: string | null;
  bookingId: string;
  providerId: string;
  authorId: string;
  rating: number;
  comment: string | null;
  createdAt: Date | string;
  reply: string | null;
  repliedAt: Date | string | null;
}

export class ReviewStore {
  constructor(private readonly prisma: Db) {}

  /**
   * Every requested page in one statement: a LATERAL subquery per request walks the
   * (provider_id, created_at) index from its own cursor, another counts the provider's reviews.
   */
  async pages(requests: readonly PageRequest[]): Promise<PageRows[]> {
    const keys = requests.map(
      (r, i) =>
        Prisma.sql`(${i}::int, ${r.providerId}::uuid, ${r.after?.createdAt ?? null}::timestamptz, ${r.after?.id ?? null}::uuid, ${r.take}::int)`,
    );
    const rows = await this.prisma.$queryRaw<PageRow[]>(Prisma.sql`
      SELECT k.key, t.total, r.id::text AS id, r.booking_id::text AS "bookingId", r.provider_id::text AS "providerId",
             r.author_id::text AS "authorId", r.rating, r.comment, r.created_at AS "createdAt",
             r.reply, r.replied_at AS "repliedAt"
      FROM (VALUES ${Prisma.join(keys)}) AS k(key, provider_id, after_at, after_id, take)
      CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM review WHERE provider_id = k.provider_id) t
      LEFT JOIN LATERAL (
        SELECT * FROM review r
        WHERE r.provider_id = k.provider_id AND (k.after_at IS NULL OR (r.created_at, r.id) < (k.after_at, k.after_id))
        ORDER BY r.created_at DESC, r.id DESC LIMIT k.take
      ) r ON true
      ORDER BY k.key, r.created_at DESC, r.id DESC`);
    const pages: PageRows[] = requests.map(() => ({ rows: [], totalCount: 0 }));
    for (const row of rows) {
      const page = pages[row.key]!;
      page.totalCount = row.total;
      if (row.id !== null) page.rows.push(toReview(row, row.id));
    }
    return pages;
  }

  /** One review by its id, or null. */
  byId(id: string): Promise<ReviewRow | null> {
    return isUuid(id) ? this.prisma.review.findUnique({ where: { id } }) : Promise.resolve(null);
  }

  /** Sets (or, with null, clears) the provider's answer. */
  setReply(id: string, reply: string | null, at: Date): Promise<ReviewRow> {
    return this.prisma.review.update({ where: { id }, data: { reply, repliedAt: reply === null ? null : at } });
  }

  /** The review of each booking, or null. */
  async byBookings(bookingIds: readonly string[]): Promise<(ReviewRow | null)[]> {
    const valid = bookingIds.filter(isUuid);
    const found = valid.length ? await this.prisma.review.findMany({ where: { bookingId: { in: valid } } }) : [];
    const byBooking = new Map(found.map((r) => [r.bookingId, r]));
    return bookingIds.map((id) => byBooking.get(id) ?? null);
  }
}

function toReview(row: PageRow, id: string): ReviewRow {
  const { bookingId, providerId, authorId, rating, comment, reply } = row;
  const repliedAt = row.repliedAt === null ? null : new Date(row.repliedAt);
  return { id, bookingId, providerId, authorId, rating, comment, createdAt: new Date(row.createdAt), reply, repliedAt };
}
