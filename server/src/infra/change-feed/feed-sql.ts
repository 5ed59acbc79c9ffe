// The change feed's SQL: stamping committed events with positions, reading stamped events
// back (replay, gap filling) and deleting old ones. Runs on PostgreSQL 15+ and PGlite.
import type { PublishedChange } from '../pubsub';
import { filterSql, type FeedFilter } from './feed-filter';
import type { Fence } from './leader-lock';

/** One connection or client that runs a statement and returns its rows. */
export interface SqlRunner {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

interface ChangeRow {
  position: string;
  table_name: string;
  op: string;
  row_id: string;
  provider_id: string | null;
  user_id: string | null;
  payload: unknown;
  created_at: Date | string;
}

// position as text: drivers disagree on bigint (string, BigInt); the contract wants a string.
const columns = (t: string) => `${t}position::text AS position, ${t}table_name, ${t}op, ${t}row_id,
  ${t}provider_id::text AS provider_id, ${t}user_id::text AS user_id, ${t}payload, ${t}created_at`;

// Every transaction with an xid below the snapshot's xmin has finished, so the rows below
// that horizon are all there will ever be: numbering them (in id order, after the highest
// position given) can never leave a hole that a later commit fills. An event of a
// transaction still open waits; it is numbered after whatever committed meanwhile.
// One statement, one snapshot: the horizon and the rows read agree.
//
// With a fence, the statement first locks the lease row under the stamper's epoch: a
// stamper whose lease was taken stamps nothing, and a taking waits for a stamp in
// progress to commit, so two stampers never number rows at once.
const stampSql = (fenced: boolean) => `
WITH ${
  fenced
    ? `lease AS MATERIALIZED (
  SELECT epoch FROM change_feed_lease
  WHERE id = 1 AND holder = $2 AND epoch = $3::bigint AND expires_at > clock_timestamp()
  FOR UPDATE),
`
    : ''
}horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
top AS MATERIALIZED (SELECT coalesce(max(position), 0) AS position FROM change_event),
ready AS (
  SELECT e.id, row_number() OVER (ORDER BY e.id) AS n
  FROM change_event e, horizon h${fenced ? ', lease' : ''}
  WHERE e.position IS NULL AND e.tx < h.xmin
  ORDER BY e.id
  LIMIT $1
)
UPDATE change_event c SET position = top.position + ready.n
FROM ready, top
WHERE c.id = ready.id
RETURNING ${columns('c.')}`;
const STAMP = stampSql(false);
const STAMP_FENCED = stampSql(true);

/** Stamps up to `limit` finished events (only under the fence's lease, when given); returns them in position order. */
export async function stampFinished(sql: SqlRunner, limit: number, fence: Fence | null = null): Promise<PublishedChange[]> {
  const rows = fence
    ? await sql.query<ChangeRow>(STAMP_FENCED, [limit, fence.holder, fence.epoch])
    : await sql.query<ChangeRow>(STAMP, [limit]);
  return rows.map(toChange).sort(byPosition);
}

export interface ReadArgs {
  /** Positions strictly after this one. */
  after: bigint;
  /** And strictly before this one, when given. */
  before?: bigint;
  filter?: FeedFilter;
  limit: number;
}

/** Stamped events in position order. */
export async function readChanges(sql: SqlRunner, args: ReadArgs): Promise<PublishedChange[]> {
  const params: unknown[] = [args.after.toString()];
  const where = ['position > $1::bigint'];
  if (args.before !== undefined) where.push(`position < $${params.push(args.before.toString())}::bigint`);
  if (args.filter) where.push(filterSql(args.filter, params));
  const limit = `$${params.push(args.limit)}`;
  const rows = await sql.query<ChangeRow>(
    // Ordered by the column, not the text alias of the same name ('10' < '9').
    `SELECT ${columns('e.')} FROM change_event e WHERE ${where.join(' AND ')} ORDER BY e.position LIMIT ${limit}`,
    params,
  );
  return rows.map(toChange);
}

/** The first and last stamped positions (0 and 0 when nothing is stamped). */
export async function feedBounds(sql: SqlRunner): Promise<{ first: bigint; last: bigint }> {
  const [row] = await sql.query<{ first: string; last: string }>(
    `SELECT coalesce(min(position), 0)::text AS first, coalesce(max(position), 0)::text AS last FROM change_event`,
  );
  return { first: BigInt(row?.first ?? '0'), last: BigInt(row?.last ?? '0') };
}

/**
 * Deletes up to `limit` stamped events older than the retention. The newest stamped event
 * always stays: positions continue from max(position), which must not fall back.
 */
export async function deleteExpired(sql: SqlRunner, retentionHours: number, limit: number): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM change_event WHERE id IN (
         SELECT id FROM change_event
         WHERE position IS NOT NULL
           AND created_at < now() - make_interval(hours => $1::int)
           AND position < (SELECT max(position) FROM change_event)
         ORDER BY position
         LIMIT $2::int)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [retentionHours, limit],
  );
  return Number(row?.n ?? 0);
}

function toChange(row: ChangeRow): PublishedChange {
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
  return {
    position: row.position,
    tableName: row.table_name,
    op: row.op,
    rowId: row.row_id,
    providerId: row.provider_id,
    userId: row.user_id,
    payload: (payload ?? {}) as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const byPosition = (a: PublishedChange, b: PublishedChange) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1);
