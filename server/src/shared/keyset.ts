// Keyset paging for lists shown newest first: `column desc, id desc`, where column is an
// instant (createdAt, startsAt) and id the tie-break. The opaque cursor is the last row's
// `[isoInstant, id]`, so a walk through the pages never repeats or skips rows as new ones arrive.
import { isUuid } from './ids';
import { decodeCursor, pageSize, toConnection, type Connection } from './paging';

type InstantIdCursor = [string, string];
const isInstantIdCursor = (v: unknown): v is InstantIdCursor =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'string' &&
  typeof v[1] === 'string' &&
  !Number.isNaN(Date.parse(v[0])) &&
  isUuid(v[1]);

/** A row of such a list: its instant column and its (UUID) id. */
export type KeysetRow<C extends string> = Record<C, Date> & { id: string };

/** Prisma where-fragment for the rows after the cursor row: `(column, id) < (at, id)`. */
export interface AfterCursor<C extends string> {
  OR: [Record<C, { lt: Date }>, Record<C, Date> & { id: { lt: string } }];
}

export interface KeysetPage<C extends string> {
  /** The decoded cursor (instant as given), or undefined on the first page. */
  after: { at: string; id: string } | undefined;
  /** AND it with the list's filter for findMany; undefined on the first page. */
  where: AfterCursor<C> | undefined;
  orderBy: [Record<C, 'desc'>, { id: 'desc' }];
  /** What encodeCursor (via toConnection) turns into the row's cursor. */
  cursorOf: (row: KeysetRow<C>) => InstantIdCursor;
}

/** Decodes `after` (BAD_USER_INPUT when it is not a cursor this list gave out) into the page's query parts. */
export function keysetPage<C extends string>(column: C, after: string | null | undefined): KeysetPage<C> {
  const key = decodeCursor(after, isInstantIdCursor);
  // `{ [column]: v }` types as `{ [x: string]: V }` for a generic C; this names the one key it has.
  const by = <V>(v: V) => ({ [column]: v }) as Record<C, V>;
  return {
    after: key && { at: key[0], id: key[1] },
    where: key && { OR: [by({ lt: new Date(key[0]) }), { ...by(new Date(key[0])), id: { lt: key[1] } }] },
    orderBy: [by('desc' as const), { id: 'desc' }],
    cursorOf: (row) => [row[column].toISOString(), row.id],
  };
}

/** What keysetConnection uses of a Prisma model delegate (`prisma.user`, `prisma.booking`, …). */
export interface KeysetModel<C extends string, Where, Row> {
  findMany(args: { where: Where | { AND: [Where, AfterCursor<C>] }; orderBy: KeysetPage<C>['orderBy']; take: number }): PromiseLike<Row[]>;
  count(args: { where: Where }): PromiseLike<number>;
}

/**
 * One page of `model` rows matching `where`, newest first by `column`, with the total count.
 * Checks `first` and `after` before any query starts, so a bad argument costs no round trip.
 */
export function keysetConnection<C extends string, Where, Row extends KeysetRow<C>>(
  model: KeysetModel<C, NoInfer<Where>, Row>,
  where: Where,
  column: C,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<Row>> {
  const first = pageSize(args.first);
  const page = keysetPage(column, args.after);
  return Promise.all([
    model.findMany({ where: page.where ? { AND: [where, page.where] } : where, orderBy: page.orderBy, take: first + 1 }),
    model.count({ where }),
  ]).then(([rows, totalCount]) => toConnection(rows, first, totalCount, page.cursorOf, (row) => row));
}
