// The database port: a Prisma client plus what Prisma does not give us: LISTEN for the
// change feed's doorbell, prepared statements for the hottest reads and writes, and a count
// and feed of statements (for tests).
import { Prisma, type PrismaClient } from '../../generated/prisma/client';

export type Db = PrismaClient;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly prisma: Db;
  /** Statements run through Prisma since start; tests read differences of it. */
  statementCount(): number;
  /** Calls back with the SQL of each statement run through Prisma (tests check what reads read); returns the unsubscribe. */
  onStatement(listener: (sql: string) => void): () => void;
  /**
   * One statement (a read, or writes made one statement with `alongside`) as a named prepared
   * statement of the driver, outside any transaction: parsed and planned once per connection
   * instead of on every call (the catalog page's statement planned for longer than it ran).
   * For statements of a bounded number of shapes: each text is kept per connection. Counted
   * and fed to onStatement like every other statement.
   */
  prepared<T>(sql: Prisma.Sql): Promise<T[]>;
  /** Calls back on each NOTIFY of the channel, on a connection of its own that reconnects. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Listening>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a store needs to run its hot fixed-shape statements prepared. */
export type PreparedStatements = Pick<Database, 'prepared'>;

/**
 * One statement that runs `writes` as data-modifying WITH clauses, then `main`: all or
 * nothing like any single statement, in one round trip where a transaction takes BEGIN,
 * one per write and COMMIT. PostgreSQL checks foreign keys at the end of the statement, so
 * a write may refer to the row `main` inserts (unique, exclusion and check constraints are
 * checked row by row, as ever). All parts see one snapshot: a write cannot read what
 * another part inserts.
 */
export function alongside(writes: readonly Prisma.Sql[], main: Prisma.Sql): Prisma.Sql {
  if (!writes.length) return main;
  const clauses = writes.map((w, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${w})`);
  return Prisma.sql`WITH ${Prisma.join(clauses, ', ')} ${main}`;
}

export interface Listening {
  /** False while the connection is being re-established (notifications are lost meanwhile). */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** PostgreSQL error codes the services act on. */
export const PgError = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
} as const;

/** The SQLSTATE of a failed query, wherever the driver adapter put it. */
export function sqlState(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as Record<string, unknown>;
    // Prisma's own codes (P2002, P2010, ...) look like SQLSTATEs; the real one is further in.
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) && !/^P[1-9]\d{3}$/.test(o.code)) return o.code;
    const meta = o.meta as Record<string, unknown> | undefined;
    const driverError = meta?.driverAdapterError as Record<string, unknown> | undefined;
    const cause = driverError?.cause as Record<string, unknown> | undefined;
    if (typeof cause?.originalCode === 'string') return cause.originalCode;
    if (typeof o.originalCode === 'string') return o.originalCode;
    if (o.kind === 'UniqueConstraintViolation') return PgError.uniqueViolation;
    e = o.cause ?? driverError;
  }
  return undefined;
}
