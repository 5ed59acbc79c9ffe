// Which instance stamps (infra/change-feed/leader-lock.ts): a frozen leader stops renewing, and
// a follower takes the lease at the moment it lapses, not at whichever tick comes after, so the
// feed stops for at most the lease time (the fault suite measures it with real processes).
import pg from 'pg';
import { postgresLeaderLock } from '../src/infra/change-feed/leader-lock';
import { Stamper } from '../src/infra/change-feed/stamper';
import { createLogger } from '../src/infra/logger';
import { createTestDatabase, type TestDatabase } from './support/databases';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const sql = async (text: string) => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};

it("takes the lease when the holder's lapses, without waiting for another tick", async () => {
  const log = createLogger('silent');
  const holder = postgresLeaderLock(db.url, log);
  const follower = postgresLeaderLock(db.url, log);
  const stamper = new Stamper({ lock: follower, publish: () => undefined, log });
  try {
    expect(await holder.claim()).toBe('acquired');
    await stamper.tick(); // the follower connects and finds the lease held for 10 s
    expect(stamper.leading).toBe(false);
    // The holder is frozen from here on: its lease, renewed a moment ago, lapses in 1.5 s.
    await sql(`UPDATE change_feed_lease SET expires_at = clock_timestamp() + interval '1500 milliseconds'`);
    const lapsesAt = Date.now() + 1500;
    await stamper.tick(); // the follower's last tick: the lease is still held
    expect(stamper.leading).toBe(false);
    expect(follower.lapsesInMs).toBeGreaterThan(0);
    expect(follower.lapsesInMs).toBeLessThanOrEqual(1500);
    while (!stamper.leading && Date.now() < lapsesAt + 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stamper.leading).toBe(true);
    expect(Date.now() - lapsesAt).toBeLessThan(1000); // taken as it lapsed, with no tick to prompt it
  } finally {
    await stamper.stop();
    await Promise.all([holder.close(), follower.close()]);
  }
});
