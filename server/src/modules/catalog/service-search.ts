// The services list in one SQL statement: filters, an order key per order, a keyset page
// after the cursor and the total count. Returns ids and cursors; rows are loaded after.
//
// Keyset, not offset: the cursor carries the order key and the id of the last row, and the
// next page starts strictly after that pair, so rows added or removed meanwhile never shift
// the walk (no duplicates, no gaps). Each order is one key and one direction with id as the
// tiebreak, so `(key, id) < (cursorKey, cursorId)` is a plain row comparison. Keys travel as
// text and are cast back to their SQL type; numeric keys are rounded so they compare exactly.
import { Prisma } from '../../generated/prisma/client';
import { decodeCursor } from '../../shared/paging';
import type { Db } from '../../infra/database';
import { isUuid } from '../../shared/ids';
import { ServiceOrder } from './service-order';

export interface SearchCriteria {
  categoryId?: string;
  providerId?: string;
  city?: string;
  minPrice?: number;
  maxPrice?: number;
  search?: string;
  /** Only these ids (services with a free slot in the asked window). */
  onlyIds?: string[];
  includeInactive: boolean;
}

export interface SearchPage {
  /** first + 1 entries at most: the extra one only tells that there is a next page. */
  items: { id: string; cursor: Cursor }[];
  totalCount: number;
}

/** [order, key as text, id] */
export type Cursor = [ServiceOrder, string, string];

interface OrderKey {
  expr: Prisma.Sql;
  type: Prisma.Sql;
  descending: boolean;
  valid: (key: string) => boolean;
}

const integer = (k: string) => /^-?\d{1,12}$/.test(k);
const decimal = (k: string) => /^-?\d{1,12}(\.\d{1,12})?$/.test(k);
const instant = (k: string) => k.length < 40 && /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-][\d:]+|Z)?$/.test(k);

function orderKey(order: ServiceOrder, search: string | undefined): OrderKey {
  switch (order) {
    case ServiceOrder.PRICE_ASC:
      return { expr: Prisma.sql`s.price_amount`, type: Prisma.sql`int`, descending: false, valid: integer };
    case ServiceOrder.PRICE_DESC:
      return { expr: Prisma.sql`s.price_amount`, type: Prisma.sql`int`, descending: true, valid: integer };
    case ServiceOrder.RATING:
      // Unrated providers sort as -1: below every real average (1..5), so they come last.
      return {
        expr: Prisma.sql`coalesce(round(p.rating_sum::numeric / nullif(p.rating_count, 0), 6), -1)`,
        type: Prisma.sql`numeric`,
        descending: true,
        valid: decimal,
      };
    case ServiceOrder.RELEVANCE:
      // Full-text rank plus how well the words match a part of the title (which is what
      // lets "plumbng" find "Plumbing"); ts_rank is per document, so keys stay stable.
      return {
        expr: Prisma.sql`round((ts_rank(s.search_vector, websearch_to_tsquery('english', ${search}::text))
          + word_similarity(${search}::text, s.title))::numeric, 6)`,
        type: Prisma.sql`numeric`,
        descending: true,
        valid: decimal,
      };
    case ServiceOrder.NEWEST:
      return { expr: Prisma.sql`s.created_at`, type: Prisma.sql`timestamptz`, descending: true, valid: instant };
  }
}

/** RELEVANCE means nothing without words to match: it falls back to NEWEST. */
export const effectiveOrder = (order: ServiceOrder, search: string | undefined) =>
  order === ServiceOrder.RELEVANCE && !search ? ServiceOrder.NEWEST : order;

/** The cursor of a page of this order, checked so that nothing malformed reaches SQL. */
export function readCursor(after: string | null | undefined, order: ServiceOrder): Cursor | undefined {
  const key = orderKey(order, undefined);
  const isCursor = (v: unknown): v is Cursor =>
    Array.isArray(v) && v.length === 3 && v[0] === order && typeof v[1] === 'string' && key.valid(v[1]) && isUuid(v[2]);
  return decodeCursor(after, isCursor);
}

function conditions(c: SearchCriteria): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  // A provider's own list (includeInactive) still shows services of an archived category.
  if (!c.includeInactive)
    where.push(
      Prisma.sql`s.active`,
      Prisma.sql`NOT EXISTS (SELECT 1 FROM category a WHERE a.id = s.category_id AND a.archived_at IS NOT NULL)`,
    );
  if (c.categoryId) where.push(Prisma.sql`s.category_id = ${c.categoryId}::uuid`);
  if (c.providerId) where.push(Prisma.sql`s.provider_id = ${c.providerId}::uuid`);
  if (c.city) where.push(Prisma.sql`lower(p.city) = lower(${c.city}::text)`);
  if (c.minPrice !== undefined) where.push(Prisma.sql`s.price_amount >= ${c.minPrice}::int`);
  if (c.maxPrice !== undefined) where.push(Prisma.sql`s.price_amount <= ${c.maxPrice}::int`);
  if (c.search) {
    // Full-text on title and description, or a trigram word match on the title for typos
    // (`<%`: word_similarity at or above pg_trgm.word_similarity_threshold, 0.6; GIN-indexed).
    where.push(Prisma.sql`(s.search_vector @@ websearch_to_tsquery('english', ${c.search}::text) OR ${c.search}::text <% s.title)`);
  }
  if (c.onlyIds) where.push(Prisma.sql`s.id = ANY(${`{${c.onlyIds.filter(isUuid).join(',')}}`}::uuid[])`);
  return where;
}

export async function searchServices(
  prisma: Db,
  criteria: SearchCriteria,
  order: ServiceOrder,
  first: number,
  after: Cursor | undefined,
): Promise<SearchPage> {
  const key = orderKey(order, criteria.search);
  const dir = key.descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const where = conditions(criteria);
  const keyset = after
    ? key.descending
      ? Prisma.sql`WHERE (m.k, m.id) < (${after[1]}::${key.type}, ${after[2]}::uuid)`
      : Prisma.sql`WHERE (m.k, m.id) > (${after[1]}::${key.type}, ${after[2]}::uuid)`
    : Prisma.empty;
  // The count and the page in one statement; the LEFT JOIN keeps the count when the page is empty.
  const rows = await prisma.$queryRaw<{ total: number; id: string | null; k: string | null }[]>(Prisma.sql`
    WITH matches AS (
      SELECT s.id, ${key.expr} AS k
      FROM service s JOIN provider p ON p.id = s.provider_id
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    )
    SELECT c.total, page.id::text AS id, page.k::text AS k
    FROM (SELECT count(*)::int AS total FROM matches) c
    LEFT JOIN LATERAL (
      SELECT m.id, m.k FROM matches m ${keyset} ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${first + 1}::int
    ) page ON true
    ORDER BY page.k ${dir}, page.id ${dir}`);
  return {
    totalCount: rows[0]?.total ?? 0,
    items: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, cursor: [order, r.k!, r.id!] as Cursor })),
  };
}
