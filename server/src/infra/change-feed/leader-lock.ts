// Which instance stamps: the holder of the one-row lease in change_feed_lease, taken and
// renewed on a connection of the feed's own. The leader renews every 2 s; the lease
// expires 10 s after the last renewal, so a frozen leader (its socket still open) is
// replaced within that time (a follower learns when the lease lapses from its failed
// attempt and tries again at that moment, not at its next tick), and at once when its
// session is gone (crash, kill, cut-off).
// Each taking raises the epoch, and the stamp statement runs only under the current epoch
// (see `fence`), so a leader that wakes up after losing the lease cannot stamp; it stops
// publishing as soon as its own clock says the lease may have lapsed. PGlite is one
// process: it always leads.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { Logger } from '../logger';
import type { SqlRunner } from './feed-sql';

export type Claim = 'leading' | 'acquired' | 'following';

/** The lease a stamp statement must still hold to stamp (null: the sole process). */
export interface Fence {
  holder: string;
  epoch: string;
}

export interface LeaderLock {
  /** Holds the lease by this process's clock (with a margin): may stamp and publish. */
  readonly leading: boolean;
  /** Renews the lead when due, or tries to take it: 'acquired' when this call took it. */
  claim(): Promise<Claim>;
  /** Following: in how many ms the holder's lease lapses, as of the last attempt (null: unknown). */
  readonly lapsesInMs: number | null;
  /** Runs on the lease's own session. */
  readonly sql: SqlRunner;
  fence(): Fence | null;
  /** Gives the lease up (another instance takes over at its next tick) and closes the session. */
  close(): Promise<void>;
}

export const LEASE_SECONDS = 10;
const RENEW_EVERY_MS = 2000;
// Stop acting this long before the lease can have lapsed in the database's eyes.
const SAFETY_MS = 1500;
const QUERY_TIMEOUT_MS = 3000;

// Not taken: epoch is null, and lapses_in_ms says when the holder's lease runs out (the outer
// SELECT sees the row as it was before the statement).
const TAKE = `
WITH taken AS (
  INSERT INTO change_feed_lease AS l (id, holder, holder_pid, epoch, expires_at)
  VALUES (1, $1, pg_backend_pid(), 1, clock_timestamp() + make_interval(secs => $2))
  ON CONFLICT (id) DO UPDATE
    SET holder = EXCLUDED.holder, holder_pid = EXCLUDED.holder_pid, epoch = l.epoch + 1, expires_at = EXCLUDED.expires_at
    WHERE l.expires_at < clock_timestamp()
       OR l.holder = EXCLUDED.holder
       OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.holder_pid)
  RETURNING epoch::text AS epoch
)
SELECT (SELECT epoch FROM taken) AS epoch,
       (SELECT ceil(greatest(0, extract(epoch FROM expires_at - clock_timestamp()) * 1000))::int
          FROM change_feed_lease WHERE id = 1) AS lapses_in_ms`;

const RENEW = `
UPDATE change_feed_lease SET expires_at = clock_timestamp() + make_interval(secs => $3)
WHERE id = 1 AND holder = $1 AND epoch = $2::bigint AND expires_at > clock_timestamp()
RETURNING epoch::text AS epoch`;

const RELEASE = `UPDATE change_feed_lease SET expires_at = clock_timestamp() WHERE id = 1 AND holder = $1 AND epoch = $2::bigint`;

export function postgresLeaderLock(url: string, log: Logger): LeaderLock {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let client: pg.Client | null = null;
  let epoch: string | null = null;
  let validUntil = 0;
  let renewedAt = 0;
  let lapsesInMs: number | null = null;

  const lose = (why: string) => {
    if (epoch !== null) log.warn({ why, epoch }, 'change feed: lost the stamper lease');
    epoch = null;
    validUntil = 0;
  };
  const drop = (c: pg.Client) => {
    if (client === c) {
      client = null;
      lose('connection ended');
    }
    c.end().catch(() => undefined);
  };
  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: url,
      keepAlive: true,
      application_name: 'homeser-change-feed',
      query_timeout: QUERY_TIMEOUT_MS,
    });
    c.on('error', () => drop(c));
    c.on('end', () => drop(c));
    client = c;
    await c.connect();
    return c;
  };
  /** Runs the lease statement; the lease holds for LEASE_SECONDS from before it was sent. */
  const lease = async (c: pg.Client, text: string, params: unknown[]): Promise<string | null> => {
    const sentAt = Date.now();
    const { rows } = await c.query<{ epoch: string | null; lapses_in_ms?: number | null }>(text, params);
    const got = rows[0]?.epoch ?? null;
    lapsesInMs = got === null ? (rows[0]?.lapses_in_ms ?? null) : null;
    if (got !== null && client === c) {
      validUntil = sentAt + LEASE_SECONDS * 1000 - SAFETY_MS;
      renewedAt = sentAt;
    }
    return client === c ? got : null;
  };
  const leading = () => epoch !== null && Date.now() < validUntil;

  return {
    get leading() {
      return leading();
    },
    get lapsesInMs() {
      return lapsesInMs;
    },
    async claim() {
      lapsesInMs = null; // known again only if this attempt reaches the database
      if (epoch !== null && !leading()) lose('lease lapsed before it was renewed (the process was paused?)');
      const c = client ?? (await connect().catch((err: unknown) => void log.warn({ err }, 'change feed: cannot reach PostgreSQL')));
      if (!c) return 'following';
      try {
        if (leading()) {
          if (Date.now() - renewedAt < RENEW_EVERY_MS) return 'leading';
          if ((await lease(c, RENEW, [holder, epoch, LEASE_SECONDS])) !== null) return 'leading';
          lose('another instance holds the lease');
        }
        epoch = await lease(c, TAKE, [holder, LEASE_SECONDS]);
      } catch (err) {
        log.warn({ err }, 'change feed: lease attempt failed');
        drop(c);
        return 'following';
      }
      if (epoch === null) return 'following';
      log.info({ epoch }, 'change feed: this instance stamps');
      return 'acquired';
    },
    sql: {
      async query<T>(text: string, params?: unknown[]): Promise<T[]> {
        if (!client || !leading()) throw new Error('change feed: not the stamper');
        return (await client.query(text, params)).rows as T[];
      },
    },
    fence: () => (epoch === null ? null : { holder, epoch }),
    async close() {
      const c = client;
      const held = epoch;
      client = null;
      epoch = null;
      if (c && held !== null) await c.query(RELEASE, [holder, held]).catch(() => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}

/** The embedded database has one process: it always stamps, on the app's own client. */
export function soleLeader(sql: SqlRunner): LeaderLock {
  let claimed = false;
  return {
    leading: true,
    lapsesInMs: null,
    async claim() {
      if (claimed) return 'leading';
      claimed = true;
      return 'acquired';
    },
    sql,
    fence: () => null,
    async close() {},
  };
}
