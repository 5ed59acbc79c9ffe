// The services list's SQL: filters, an order key per order, a keyset page after the
// cursor and the total count, as CTEs the page statement (service-pages.ts) builds on.
//
// Keyset, not offset: the cursor carries the order key and the id of the last row, and the
// next page starts strictly after that pair, so rows added or removed meanwhile never shift
// the walk (no duplicates, no gaps). Each order is one key and one direction with id as the
// tiebreak, so `(key, id) < (cursorKey, cursorId)` is a plain row comparison. Keys travel as
// text and are cast back to their SQL type; numeric keys are rounded so they compare exactly.
import { Prisma } from '../../generated/prisma/client';
import { decodeCursor } from '../../shared/paging';
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
    // (`<%`: word_similarity at or above pg_trgm.word_similarity_threshold, 0.6; GIN-indexed),
    // which forgives a missing or an extra letter but not a wrong or swapped one.
    const typos = typoMatch(c.search);
    where.push(
      Prisma.sql`(s.search_vector @@ websearch_to_tsquery('english', ${c.search}::text) OR ${c.search}::text <% s.title${
        typos ? Prisma.sql` OR ${typos}` : Prisma.empty
      })`,
    );
  }
  if (c.onlyIds) where.push(Prisma.sql`s.id = ANY(${`{${c.onlyIds.filter(isUuid).join(',')}}`}::uuid[])`);
  return where;
}

/** Words of at least this many letters forgive one wrong or swapped letter; shorter ones would match too much. */
const TYPO_MIN_LENGTH = 4;
const TYPO_MAX_WORDS = 4;

/**
 * Every word of the search (the first few of TYPO_MIN_LENGTH letters or more) in the title
 * with at most one letter wrong ("cleening") or two neighbours swapped ("claening"), as
 * ILIKE patterns the title's trigram GIN index answers: a wrong letter is `_`, a swap is
 * spelled out. Words are letters and digits only, so no pattern character needs escaping.
 */
function typoMatch(search: string): Prisma.Sql | undefined {
  const words = (search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => [...w].length >= TYPO_MIN_LENGTH);
  if (!words.length) return undefined;
  const each = words.slice(0, TYPO_MAX_WORDS).map((word) => {
    const letters = [...word];
    const patterns = new Set<string>();
    for (let i = 0; i < letters.length; i++) {
      patterns.add(`%${[...letters.slice(0, i), '_', ...letters.slice(i + 1)].join('')}%`);
      if (i + 1 < letters.length) {
        patterns.add(`%${[...letters.slice(0, i), letters[i + 1], letters[i], ...letters.slice(i + 2)].join('')}%`);
      }
    }
    return Prisma.sql`(${Prisma.join(
      [...patterns].map((p) => Prisma.sql`s.title ILIKE ${p}::text`),
      ' OR ',
    )})`;
  });
  return Prisma.sql`(${Prisma.join(each, ' AND ')})`;
}

/**
 * The CTEs `matches` (id and order key k of every match), `page` (the keyset page with one
 * row more than asked, to tell whether there is a next page) and `shown` (the page as asked),
 * plus the order's direction for the statement's ORDER BYs.
 */
export function searchCtes(criteria: SearchCriteria, order: ServiceOrder, first: number, after: Cursor | undefined) {
  const key = orderKey(order, criteria.search);
  const dir = key.descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const where = conditions(criteria);
  const keyset = after
    ? key.descending
      ? Prisma.sql`WHERE (m.k, m.id) < (${after[1]}::${key.type}, ${after[2]}::uuid)`
      : Prisma.sql`WHERE (m.k, m.id) > (${after[1]}::${key.type}, ${after[2]}::uuid)`
    : Prisma.empty;
  const ctes = Prisma.sql`
    matches AS (
      SELECT s.id, ${key.expr} AS k
      FROM service s JOIN provider p ON p.id = s.provider_id
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ),
    page AS (SELECT m.id, m.k FROM matches m ${keyset} ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${first + 1}::int),
    shown AS (SELECT id, k FROM page ORDER BY k ${dir}, id ${dir} LIMIT ${first}::int)`;
  return { ctes, dir };
}
