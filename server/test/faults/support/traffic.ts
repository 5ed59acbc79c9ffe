// What the fault cases drive and check: fixtures made through an app in this process,
// bookings made over HTTP (each acknowledged one must be in the database afterwards), and
// a subscriber that resumes with afterEventId whenever its connection drops (it must see
// every booking event of its provider exactly once).
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { aCustomer, type Account } from '../../support/accounts';
import { aService, anAlwaysOpenProvider } from '../../support/catalog-builders';
import type { TestApp } from '../../support/test-app';
import { JWT_SECRET } from './app-process';
import type { OwnPostgres } from './own-servers';

export interface Fixtures {
  databaseUrl: string;
  provider: Account;
  providerId: string;
  serviceId: string;
  customers: Account[];
}

const SLOT_MS = 15 * 60_000;

/** A fresh database on `postgres`, migrated, with one always-open provider and a few customers. */
export async function fixtures(postgres: OwnPostgres, customers = 4): Promise<Fixtures> {
  const name = `faults_${randomBytes(4).toString('hex')}`;
  await postgres.query(`CREATE DATABASE ${name}`);
  const databaseUrl = postgres.url.replace(/\/postgres$/, `/${name}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JWT_SECRET,
    DATA_DIR: 'memory://',
    DATABASE_URL: databaseUrl,
    RATE_LIMIT_ENABLED: 'false',
    SEED_DEMO_DATA: 'false',
  });
  const app = await startApp(config);
  const t: TestApp = { url: app.url, app, gql: gqlAt(app.url), stop: () => app.stop() };
  try {
    const provider = await anAlwaysOpenProvider(t, 'UTC', { maxAdvanceDays: 300 });
    const service = await aService(t, provider, { instantBooking: true, durationMinutes: 15 });
    const accounts = await Promise.all(Array.from({ length: customers }, () => aCustomer(t)));
    return { databaseUrl, provider: provider.account, providerId: provider.id, serviceId: service.id, customers: accounts };
  } finally {
    await app.stop();
  }
}

export function gqlAt(url: string, timeoutMs = 10_000): TestApp['gql'] {
  return async (query, variables, opts = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: never; errors?: [] };
    return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
  };
}

const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;

/** Books distinct 15-minute slots from tomorrow on; remembers what was acknowledged and when. */
export class Bookings {
  readonly acknowledged = new Map<string, number>();
  failures = 0;
  private next = 0;
  private readonly base: number;

  constructor(
    private readonly f: Fixtures,
    private url: string,
  ) {
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    this.base = tomorrow.getTime() + 86_400_000;
  }

  /** Sends the next bookings to another instance from now on. */
  retarget(url: string): void {
    this.url = url;
  }

  /** One booking; its id once acknowledged, or null. */
  async one(timeoutMs = 5000): Promise<string | null> {
    const i = this.next++;
    const customer = this.f.customers[i % this.f.customers.length]!;
    const startsAt = new Date(this.base + i * SLOT_MS).toISOString();
    try {
      const r = await gqlAt(this.url, timeoutMs)(REQUEST, { input: { serviceId: this.f.serviceId, startsAt } }, { token: customer.token });
      const id = r.data?.requestBooking?.id as string | undefined;
      if (!id) {
        this.failures++;
        return null;
      }
      this.acknowledged.set(id, Date.now());
      return id;
    } catch {
      this.failures++;
      return null;
    }
  }

  /** `concurrency` loops of bookings until `stop()` is called; resolves when they have ended. */
  load(concurrency: number, pauseMs = 0): { stop: () => Promise<void> } {
    let running = true;
    const loops = Array.from({ length: concurrency }, async () => {
      while (running) {
        await this.one();
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
    return {
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** Acknowledged bookings the database does not have (must be none). */
  async missing(): Promise<number> {
    const ids = [...this.acknowledged.keys()];
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: this.f.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM booking WHERE id = ANY($1::uuid[])', [ids]);
      return ids.length - rows[0]!.n;
    } finally {
      await client.end();
    }
  }
}

const BOOKING_UPDATED = `subscription($after: String) { bookingUpdated(afterEventId: $after) { eventId kind booking { id } } }`;

/** The provider's bookingUpdated stream from the start, resumed with afterEventId after every drop. */
export class ResumingSubscriber {
  readonly received: { eventId: string; bookingId: string; at: number }[] = [];
  reconnects = 0;
  private client: Client | null = null;
  private closed = false;

  constructor(
    private url: string,
    private readonly token: string,
  ) {
    this.connect();
  }

  retarget(url: string): void {
    this.url = url;
    this.client?.terminate();
  }

  /** When each booking's CREATED event arrived. */
  createdAt(bookingId: string): number | undefined {
    return this.received.find((e) => e.bookingId === bookingId)?.at;
  }

  close(): void {
    this.closed = true;
    Promise.resolve(this.client?.dispose()).catch(() => undefined);
  }

  private connect(): void {
    if (this.closed) return;
    const after = this.received.at(-1)?.eventId ?? '0';
    const client = createClient({
      url: this.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
    });
    this.client = client;
    let again = false;
    const reconnect = () => {
      if (again) return;
      again = true;
      Promise.resolve(client.dispose()).catch(() => undefined);
      this.reconnects++;
      setTimeout(() => this.connect(), 200);
    };
    client.on('closed', reconnect);
    client.subscribe<{ bookingUpdated: { eventId: string; booking: { id: string } } }>(
      { query: BOOKING_UPDATED, variables: { after } },
      {
        next: (r) => {
          const e = r.data?.bookingUpdated;
          if (e) this.received.push({ eventId: e.eventId, bookingId: e.booking.id, at: Date.now() });
        },
        error: reconnect,
        complete: reconnect,
      },
    );
  }
}

/** Booking event positions of the provider in the table, and what the subscriber lacks or got twice. */
export async function feedAudit(f: Fixtures, subscriber: ResumingSubscriber) {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: f.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ position: string }>(
      `SELECT position::text AS position FROM change_event WHERE table_name = 'booking' AND provider_id = $1 AND position IS NOT NULL ORDER BY position`,
      [f.providerId],
    );
    const { rows: unstamped } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM change_event WHERE position IS NULL`);
    const seen = subscriber.received.map((e) => e.eventId);
    const expected = new Set(rows.map((r) => r.position));
    return {
      expected: expected.size,
      unstamped: unstamped[0]!.n,
      lost: [...expected].filter((p) => !seen.includes(p)).length,
      duplicated: seen.length - new Set(seen).size,
      unexpected: seen.filter((p) => !expected.has(p)).length,
    };
  } finally {
    await client.end();
  }
}

/** Delivery latency (ms) of each acknowledged booking, in acknowledgement order. */
export function deliveryLatencies(bookings: Bookings, subscriber: ResumingSubscriber): { ackAt: number; ms: number }[] {
  return [...bookings.acknowledged.entries()]
    .map(([id, ackAt]) => ({ ackAt, ms: (subscriber.createdAt(id) ?? Infinity) - ackAt }))
    .sort((a, b) => a.ackAt - b.ackAt);
}

/**
 * Books one slot every 100 ms for `ms` and returns how long after `since` the last booking
 * was delivered slower than `slowMs` (0 when none was): the time to get back to normal.
 */
export async function timeToNormalDelivery(bookings: Bookings, subscriber: ResumingSubscriber, since: number, slowMs: number, ms = 8000) {
  const probes: string[] = [];
  while (Date.now() - since < ms) {
    const id = await bookings.one();
    if (id) probes.push(id);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1500)); // the last ones arrive
  let lastSlow = since;
  for (const id of probes) {
    const ackAt = bookings.acknowledged.get(id)!;
    const at = subscriber.createdAt(id);
    if (at === undefined || at - ackAt > slowMs) lastSlow = ackAt;
  }
  return { ms: lastSlow - since, probes: probes.length };
}

/** The median delivery latency of `count` bookings made one after another. */
export async function baselineLatency(bookings: Bookings, subscriber: ResumingSubscriber, count = 10): Promise<number> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await bookings.one();
    if (id) ids.push(id);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const ms = ids.map((id) => (subscriber.createdAt(id) ?? Infinity) - bookings.acknowledged.get(id)!).sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)] ?? Infinity;
}

/** Everything acknowledged is stored, and the subscriber got each booking event exactly once. */
export async function expectNothingLost(f: Fixtures, bookings: Bookings, subscriber: ResumingSubscriber): Promise<void> {
  expect(await bookings.missing()).toBe(0);
  const settled = async () => {
    const audit = await feedAudit(f, subscriber);
    return audit.unstamped === 0 && audit.lost === 0;
  };
  for (let i = 0; i < 200 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 50));
  const audit = await feedAudit(f, subscriber);
  expect(audit).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  expect(audit.expected).toBeGreaterThanOrEqual(bookings.acknowledged.size);
}
