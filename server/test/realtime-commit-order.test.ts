// The stamper on real PostgreSQL (15 on CI): an event of a transaction still open is held
// back, positions follow commit order where ids do not, and no position is ever skipped.
// PostgreSQL only: PGlite runs one transaction at a time, so nothing can be open meanwhile.
import pg from 'pg';
import { anAdmin } from './support/accounts';
import { aBookingRow, aProviderRow, aServiceRow, aUserRow, type Sql } from './support/sql-rows';
import { startTestApp, type TestApp } from './support/test-app';
import { allStamped, BOOKING_UPDATED, subscribersOn, until, wsClient, type BookingEventData } from './realtime-client';

let t: TestApp;
const clients: pg.Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await t.stop();
});

async function connection(): Promise<{ client: pg.Client; sql: Sql }> {
  const client = new pg.Client({ connectionString: t.app.infra.config.database.url });
  await client.connect();
  clients.push(client);
  return { client, sql: async (text, params) => (await client.query(text, params)).rows };
}

interface EventRow {
  id: string;
  position: string | null;
}

async function eventOf(sql: Sql, table: string, rowId: string): Promise<EventRow> {
  const [row] = await sql<EventRow>(
    `SELECT id::text AS id, position::text AS position FROM change_event WHERE table_name = $1 AND row_id = $2 ORDER BY id DESC LIMIT 1`,
    [table, rowId],
  );
  return row!;
}

const hours = (h: number) => new Date(Date.UTC(2031, 0, 1) + h * 3_600_000).toISOString();

async function fixture(sql: Sql) {
  const providerId = await aProviderRow(sql);
  const serviceId = await aServiceRow(sql, providerId);
  const customerId = await aUserRow(sql);
  const booking = (h: number) =>
    ({
      serviceId,
      providerId,
      customerId,
      startsAt: hours(h),
      endsAt: hours(h + 1),
      blockedUntil: hours(h + 1),
      status: 'CONFIRMED',
    }) as const;
  return { providerId, booking };
}

describe('the stamper on PostgreSQL', () => {
  it('holds back an open transaction and numbers in commit order, even against id order', async () => {
    const early = await connection(); // takes its transaction id first, commits first
    const open = await connection(); // writes its event first, commits last
    const { providerId, booking } = await fixture(early.sql);
    await allStamped(t);
    const admin = await anAdmin(t);
    const before = t.app.services.changeFeed.feed.subscribers();
    const watch = wsClient(t, admin.token);
    const sub = watch.subscribe<BookingEventData>(BOOKING_UPDATED);
    await subscribersOn(t, before + 1);
    const last = BigInt((await t.app.services.changeFeed.feed.bounds()).last);

    await early.sql('BEGIN');
    await early.sql('SELECT pg_current_xact_id()'); // its xid is now older than the open one's
    await open.sql('BEGIN');
    const held = await aBookingRow(open.sql, booking(0));
    const committed = await aBookingRow(early.sql, booking(2));
    await early.sql('COMMIT');

    const heldEvent = await eventOf(early.sql, 'booking', held); // not visible yet: the transaction is open
    expect(heldEvent).toBeUndefined();
    await until(async () => (await eventOf(early.sql, 'booking', committed)).position !== null);
    await new Promise((r) => setTimeout(r, 1500)); // a safety-net tick or more: still held back
    await t.app.services.changeFeed.stamper.tick();
    expect((await eventOf(open.sql, 'booking', held)).position).toBeNull();

    // The open transaction also changes an availability rule: one event for both kinds of change.
    await open.sql(`INSERT INTO availability_rule (provider_id, weekday, start_minute, end_minute) VALUES ($1::uuid, 1, 60, 120)`, [
      providerId,
    ]);
    await open.sql('COMMIT');
    await allStamped(t);

    const rows = await early.sql<EventRow & { table_name: string }>(
      `SELECT id::text AS id, position::text AS position, table_name FROM change_event WHERE position > $1 ORDER BY position`,
      [String(last)],
    );
    const order = rows.map((r) => [r.table_name, r.position]);
    expect(order).toEqual([
      ['booking', String(last + 1n)], // committed first, though its id is the larger
      ['booking', String(last + 2n)],
      ['availability', String(last + 3n)],
    ]);
    const [first, second] = rows;
    expect(BigInt(first!.id)).toBeGreaterThan(BigInt(second!.id));

    const events = await sub.received(2);
    expect(events.map((e) => [e.booking.id, e.eventId])).toEqual([
      [committed, String(last + 1n)],
      [held, String(last + 2n)],
    ]);
    await watch.close();
  });

  it('lets a transaction that began after the open one wait behind it, then numbers both without a gap', async () => {
    const open = await connection();
    const later = await connection();
    const { booking } = await fixture(later.sql);
    await allStamped(t);
    const last = BigInt((await t.app.services.changeFeed.feed.bounds()).last);

    await open.sql('BEGIN');
    const first = await aBookingRow(open.sql, booking(10));
    const second = await aBookingRow(later.sql, booking(12)); // committed at once, but its xid is newer
    await new Promise((r) => setTimeout(r, 1200));
    await t.app.services.changeFeed.stamper.tick();
    expect((await eventOf(later.sql, 'booking', second)).position).toBeNull();
    await open.sql('COMMIT');
    await allStamped(t);
    // Finished together: numbered in id order, which is insert order.
    expect((await eventOf(later.sql, 'booking', first)).position).toBe(String(last + 1n));
    expect((await eventOf(later.sql, 'booking', second)).position).toBe(String(last + 2n));
  });
});
