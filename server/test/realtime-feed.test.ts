// The change feed on its own, over the embedded database and in-process pub/sub: the
// Supabase Realtime doorbell (a local Phoenix server driving the real realtime-js client),
// filling lost publishes from the table, retention, and a subscriber that falls behind.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig, type Config } from '../src/config';
import { createChangeFeed, type ChangeFeedOptions, type ChangeFeedRuntime } from '../src/infra/change-feed';
import { openPglite } from '../src/infra/database/pglite';
import type { Database } from '../src/infra/database';
import { createLogger } from '../src/infra/logger';
import { createAppPubSub, type AppPubSub, type PublishedChange } from '../src/infra/pubsub';
import { FeedSubscription } from '../src/modules/realtime/feed-subscription';
import { aUserRow, type Sql } from './support/sql-rows';
import { until } from './realtime-client';

const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let database: Database;
let sql: Sql;
let userId: string;
const opened: ChangeFeedRuntime[] = [];

// One embedded database for the file (PGlite takes seconds to migrate); each test its own feed.
beforeAll(async () => {
  database = await openPglite('memory://');
  sql = (text, params = []) => database.prisma.$queryRawUnsafe(text, ...params);
  userId = await aUserRow(sql);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.stop()));
});
afterAll(() => database.close());

const config = (env: Record<string, string> = {}): Config =>
  loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', JWT_SECRET: randomBytes(32).toString('hex'), ...env });

async function aFeed(options: ChangeFeedOptions & { pubsub?: AppPubSub; env?: Record<string, string> } = {}) {
  const feed = createChangeFeed(
    { database, pubsub: options.pubsub ?? createAppPubSub().pubsub, config: config(options.env), log },
    options,
  );
  opened.push(feed);
  await feed.start();
  const received: PublishedChange[] = [];
  feed.feed.attach((c) => received.push(c));
  return { feed, received };
}

const notices = (count: number) =>
  database.prisma.notification.createMany({
    data: Array.from({ length: count }, (_, i) => ({ userId, type: 'T', title: `n${i}`, body: 'b' })),
  });
const unstamped = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM change_event WHERE position IS NULL'))[0]!.n;
/** Positions relative to the feed's last one when the test began. */
let base = 0;
const positions = (changes: PublishedChange[]) => changes.map((c) => Number(c.position) - base);
beforeEach(async () => {
  base = Number((await sql<{ p: number }>('SELECT coalesce(max(position), 0)::int AS p FROM change_event'))[0]!.p);
});

/** A Phoenix (vsn 2.0.0) server that answers joins and heartbeats the way Supabase Realtime does. */
async function aRealtimeServer() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const joined: { socket: WebSocket; topic: string; ids: number[] }[] = [];
  server.on('connection', (socket, request) => {
    const apikey = new URL(request.url ?? '', 'http://x').searchParams.get('apikey');
    socket.on('message', (raw) => {
      const [joinRef, ref, topic, event, payload] = JSON.parse(String(raw)) as [
        string | null,
        string,
        string,
        string,
        Record<string, unknown>,
      ];
      if (event === 'heartbeat') socket.send(JSON.stringify([null, ref, topic, 'phx_reply', { status: 'ok', response: {} }]));
      if (event !== 'phx_join') return;
      const filters = ((payload.config as { postgres_changes?: object[] }).postgres_changes ?? []).map((f, i) => ({ ...f, id: 7000 + i }));
      joined.push({ socket, topic, ids: filters.map((f) => f.id) });
      expect(apikey).toBe('service-role-key');
      expect(payload.access_token).toBe('service-role-key');
      socket.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', { status: 'ok', response: { postgres_changes: filters } }]));
    });
  });
  const insertOf = (record: Record<string, unknown>) => {
    const { socket, topic, ids } = joined[0]!;
    const data = {
      schema: 'public',
      table: 'change_event',
      commit_timestamp: new Date().toISOString(),
      type: 'INSERT',
      columns: [],
      record,
      old_record: null,
    };
    socket.send(JSON.stringify([null, null, topic, 'postgres_changes', { ids, data }]));
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    joined,
    insertOf,
    close: () => {
      for (const socket of server.clients) socket.terminate();
      return new Promise((r) => server.close(r));
    },
  };
}

describe('the change feed', () => {
  it('stamps when Supabase Realtime reports an insert into change_event (LISTEN off)', async () => {
    const realtime = await aRealtimeServer();
    try {
      const { received } = await aFeed({
        listen: false,
        env: { SUPABASE_URL: realtime.url, SUPABASE_SERVICE_ROLE_KEY: 'service-role-key' },
      });
      await until(() => realtime.joined.length === 1);
      await new Promise((r) => setTimeout(r, 100)); // the join's own catch-up ring has run

      await notices(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(await unstamped()).toBe(1); // no LISTEN and no tick: nothing rang yet
      realtime.insertOf({ id: 1, table_name: 'notification' });
      await until(() => received.length === 1);
      expect(await unstamped()).toBe(0);
      expect(received[0]).toMatchObject({ tableName: 'notification', userId });
      expect(positions(received)).toEqual([1]);
    } finally {
      await Promise.all(opened.splice(0).map((f) => f.stop())); // the client leaves before the server goes
      await realtime.close();
    }
  });

  it('fills a publish that never arrived from the table, and drops repeats', async () => {
    const { pubsub } = createAppPubSub();
    // Position 2 is lost on the way, as a Redis message can be.
    const lossy: AppPubSub = {
      ...pubsub,
      publish: ((topic: 'change-event', deployment: string, batch: PublishedChange[]) =>
        pubsub.publish(
          topic,
          deployment,
          batch.filter((c) => c.position !== '2'),
        )) as AppPubSub['publish'],
    };
    const { feed, received } = await aFeed({ pubsub: lossy });
    await notices(3);
    await until(() => received.length === 3);
    expect(positions(received)).toEqual([1, 2, 3]);
    await feed.stamper.tick();
    pubsub.publish('change-event', config().redis.prefix, received.slice(0, 2)); // a takeover's republish
    await notices(1);
    await until(() => received.length === 4);
    expect(positions(received)).toEqual([1, 2, 3, 4]);
  });

  it('catches up from the table when pub/sub lost messages and went quiet', async () => {
    const { pubsub } = createAppPubSub();
    const silent: AppPubSub = { ...pubsub, publish: () => undefined };
    // The stamping instance delivers to its own subscribers directly; another hears only pub/sub.
    const stamping = await aFeed({ pubsub: silent });
    const { feed, received } = await aFeed({ pubsub: silent, listen: false });
    await notices(2);
    await until(async () => (await unstamped()) === 0);
    await until(() => stamping.received.length === 2);
    expect(received).toEqual([]);
    await feed.jobs.find((j) => j.name === 'change-feed-catch-up')!.run();
    expect(positions(received)).toEqual([1, 2]);
  });

  it('deletes stamped events past the retention but keeps the newest, so positions never go back', async () => {
    const { feed, received } = await aFeed();
    await notices(3);
    await until(() => received.length === 3);
    await sql(`UPDATE change_event SET created_at = now() - interval '100 hours'`);
    await feed.jobs.find((j) => j.name === 'change-event-retention')!.run();
    expect(await sql(`SELECT position::int - ${base} AS position FROM change_event`)).toEqual([{ position: 3 }]);
    await notices(1);
    await until(() => received.length === 4);
    expect(positions(received)).toEqual([1, 2, 3, 4]);
  });

  it('gives a subscriber that fell far behind everything, from the table, in order', async () => {
    const { feed } = await aFeed({ batchSize: 400 });
    const sub = new FeedSubscription(feed.feed, {
      filter: { tables: ['notification'], audience: { userId } },
      after: null,
      project: async (changes) => positions(changes),
      onError: (err) => {
        throw err;
      },
    });
    await notices(1500); // more than a subscriber buffers: it reads the table instead
    await until(async () => (await unstamped()) === 0 && feed.feed.head() === BigInt(base + 1500));
    const got: number[] = [];
    for await (const position of sub) {
      got.push(position);
      if (got.length === 1500) break;
    }
    expect(got).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
  });
});
