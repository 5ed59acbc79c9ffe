// Which instance stamps: the one holding a PostgreSQL advisory lock on a connection of the
// feed's own. The lock lives as long as that session, so a crashed or cut-off stamper
// releases it and a follower, retrying every tick, takes over. PGlite is one process:
// it always leads.
import pg from 'pg';
import type { Logger } from '../logger';
import type { SqlRunner } from './feed-sql';

export type Claim = 'leading' | 'acquired' | 'following';

export interface LeaderLock {
  readonly leading: boolean;
  /** Keeps the lead or tries to take it: 'acquired' when this call took it. */
  claim(): Promise<Claim>;
  /** Runs on the lock's own session, so an instance that lost the lock cannot stamp. */
  readonly sql: SqlRunner;
  close(): Promise<void>;
}

// Per database: the advisory lock key of the change feed (migrations use 72_417_001).
export const FEED_LOCK_KEY = 72_417_002;

export function postgresLeaderLock(url: string, log: Logger): LeaderLock {
  let client: pg.Client | null = null;
  let leading = false;

  const drop = (c: pg.Client) => {
    if (client === c) {
      if (leading) log.warn('change feed: lost the stamper lock (connection ended)');
      client = null;
      leading = false;
    }
    c.end().catch(() => undefined);
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'homeser-change-feed' });
    c.on('error', () => drop(c));
    c.on('end', () => drop(c));
    client = c;
    await c.connect();
    return c;
  };

  return {
    get leading() {
      return leading;
    },
    async claim() {
      if (leading && client) return 'leading';
      const c = client ?? (await connect().catch((err: unknown) => void log.warn({ err }, 'change feed: cannot reach PostgreSQL')));
      if (!c) return 'following';
      try {
        const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [FEED_LOCK_KEY]);
        leading = client === c && rows[0]?.ok === true;
      } catch (err) {
        log.warn({ err }, 'change feed: lock attempt failed');
        drop(c);
      }
      if (leading) log.info('change feed: this instance stamps');
      return leading ? 'acquired' : 'following';
    },
    sql: {
      async query<T>(text: string, params?: unknown[]): Promise<T[]> {
        if (!client || !leading) throw new Error('change feed: not the stamper');
        return (await client.query(text, params)).rows as T[];
      },
    },
    async close() {
      const c = client;
      client = null;
      leading = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/** The embedded database has one process: it always stamps, on the app's own client. */
export function soleLeader(sql: SqlRunner): LeaderLock {
  let claimed = false;
  return {
    leading: true,
    async claim() {
      if (claimed) return 'leading';
      claimed = true;
      return 'acquired';
    },
    sql,
    async close() {},
  };
}
