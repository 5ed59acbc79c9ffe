// The change feed port: stamped change_event rows in commit order, live (attach) and from
// the table (read). Built from the database, pub/sub and configuration; which instance
// stamps and what rings it stays in here (docs/architecture.md, "the table is the mailbox").
import type { Config } from '../../config';
import type { Database } from '../database';
import type { Logger } from '../logger';
import type { AppPubSub, PublishedChange } from '../pubsub';
import type { Job } from '../scheduler';
import { listenDoorbell, supabaseDoorbell, type Doorbell } from './doorbells';
import { FeedHub, type FeedListener } from './feed-hub';
import { deleteExpired, feedBounds, readChanges, type ReadArgs, type SqlRunner } from './feed-sql';
import { postgresLeaderLock, soleLeader } from './leader-lock';
import { Stamper } from './stamper';

export type { FeedFilter } from './feed-filter';
export { matches } from './feed-filter';
export type { FeedListener } from './feed-hub';

export interface ChangeFeed {
  /** The last position handed to this instance's listeners. */
  head(): bigint;
  /** Every later change, in position order, each once. */
  attach(listener: FeedListener): () => void;
  /** Like attach, for this instance's caches: told first, not counted in subscribers(). */
  watch(watcher: FeedListener): () => void;
  /** Stamped changes from the table, in position order. */
  read(args: ReadArgs): Promise<PublishedChange[]>;
  bounds(): Promise<{ first: bigint; last: bigint }>;
  /** Subscriptions listening on this instance. */
  subscribers(): number;
}

export interface ChangeFeedOptions {
  /** LISTEN for the triggers' doorbell (default true). */
  listen?: boolean;
  /** Supabase Realtime as a doorbell; default: config.supabase when both URL and service key are set. */
  supabase?: { url: string; key: string } | null;
  /** The safety net: how often to stamp anyway, and how often followers try to take the lead. */
  tickMs?: number;
  batchSize?: number;
  republishOnTakeover?: number;
}

/** For /readyz: a doorbell reconnecting means changes arrive by the 1 s safety net meanwhile. */
export interface ChangeFeedState {
  doorbell: 'listening' | 'reconnecting' | 'none';
  stamper: 'leading' | 'following';
}

export interface ChangeFeedRuntime {
  feed: ChangeFeed;
  stamper: Stamper;
  state(): ChangeFeedState;
  jobs: Job[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChangeFeedDeps {
  database: Database;
  pubsub: AppPubSub;
  /** Whether pub/sub carries changes between instances now (Redis up); null: one process. */
  redis?: { readonly state: 'up' | 'degraded' } | null;
  config: Config;
  log: Logger;
}

// One indexed max(position) per instance: the bound on delay if pub/sub loses a message and
// goes quiet; while Redis is away it is how changes stamped elsewhere arrive, so it runs often.
const CATCH_UP_EVERY_MS = 5000;
const CATCH_UP_DEGRADED_MS = 500;
const RETENTION_EVERY_MS = 10 * 60_000;
const RETENTION_BATCH = 5000;

export function createChangeFeed(deps: ChangeFeedDeps, options: ChangeFeedOptions = {}): ChangeFeedRuntime {
  const { database, pubsub, config, log } = deps;
  const sql: SqlRunner = {
    query: <T>(text: string, params: unknown[] = []) => database.prisma.$queryRawUnsafe<T[]>(text, ...params),
  };
  const lock = database.kind === 'postgres' && config.database.url ? postgresLeaderLock(config.database.url, log) : soleLeader(sql);
  // Channels are per deployment: apps sharing a Redis (tests, staging) must not hear each other.
  const deployment = config.redis.prefix;
  const stamper = new Stamper({
    lock,
    log,
    // This instance's subscribers get the batch at once, whatever pub/sub is doing.
    publish: (batch) => {
      hub.offer(batch);
      pubsub.publish('change-event', deployment, batch);
    },
    batchSize: options.batchSize,
    republishOnTakeover: options.republishOnTakeover,
  });
  const hub = new FeedHub(() => pubsub.subscribe('change-event', deployment), sql, log);
  const supabase =
    options.supabase !== undefined
      ? options.supabase
      : config.supabase.url && config.supabase.serviceRoleKey
        ? { url: config.supabase.url, key: config.supabase.serviceRoleKey }
        : null;
  const doorbells: Doorbell[] = [];
  const ring = () => stamper.ring();

  let caughtUpAt = 0;
  const catchUp = async () => {
    const every = deps.redis?.state === 'degraded' ? CATCH_UP_DEGRADED_MS : CATCH_UP_EVERY_MS;
    if (Date.now() - caughtUpAt < every) return;
    caughtUpAt = Date.now();
    await hub.catchUp();
  };

  const retention = async () => {
    if (!stamper.leading) return; // one instance is enough
    while ((await deleteExpired(sql, config.changeEventRetentionHours, RETENTION_BATCH)) === RETENTION_BATCH);
  };

  return {
    feed: {
      head: () => hub.head,
      attach: (listener) => hub.attach(listener),
      watch: (watcher) => hub.watch(watcher),
      read: (args) => readChanges(sql, args),
      bounds: () => feedBounds(sql),
      subscribers: () => hub.listenerCount,
    },
    stamper,
    state: () => ({
      doorbell: !doorbells.length ? 'none' : doorbells.every((d) => d.connected) ? 'listening' : 'reconnecting',
      stamper: stamper.leading ? 'leading' : 'following',
    }),
    jobs: [
      { name: 'change-feed-stamp', everyMs: options.tickMs ?? 1000, run: () => stamper.tick() },
      { name: 'change-feed-catch-up', everyMs: CATCH_UP_DEGRADED_MS, run: catchUp },
      { name: 'change-event-retention', everyMs: RETENTION_EVERY_MS, run: retention },
    ],
    async start() {
      await hub.start();
      if (options.listen ?? true) doorbells.push(await listenDoorbell(database, ring));
      if (supabase) doorbells.push(supabaseDoorbell({ ...supabase, log }, ring));
      await stamper.tick(); // take the lead now rather than a tick from now
    },
    async stop() {
      await Promise.all(doorbells.splice(0).map((d) => d.close()));
      await stamper.stop();
      await hub.stop();
      await lock.close();
    },
  };
}
