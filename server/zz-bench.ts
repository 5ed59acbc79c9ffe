import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp } from './test/support/test-app';
import { aCustomer } from './test/support/accounts';

async function run(embedded: boolean) {
  const t = await startTestApp({ embedded });
  const prisma = t.app.infra.prisma;
  const feed = t.app.services.changeFeed;
  const who = await aCustomer(t);
  // (a) stamper throughput: a backlog of N events, then time until all are delivered to the hub
  let seen = 0;
  feed.feed.attach(() => seen++);
  const N = embedded ? 5000 : 20000;
  const t0 = Date.now();
  for (let i = 0; i < N; i += 1000) {
    await prisma.notification.createMany({ data: Array.from({ length: 1000 }, (_, j) => ({ userId: who.id, type: 'T', title: `n${i + j}`, body: 'b' })) });
  }
  const tInserted = Date.now();
  while (seen < N) await new Promise((r) => setTimeout(r, 5));
  const tDone = Date.now();
  console.log(JSON.stringify({ embedded, events: N, insertMs: tInserted - t0, totalMs: tDone - t0, eventsPerSecEndToEnd: Math.round((N * 1000) / (tDone - t0)) }));
  if (!embedded) {
    // stamper alone: a backlog held behind an open transaction, released at once
    const pg = (await import('pg')).default;
    const blocker = new pg.Client({ connectionString: t.app.infra.config.database.url }); await blocker.connect();
    await blocker.query('BEGIN'); await blocker.query('SELECT pg_current_xact_id()');
    const before = seen;
    for (let i = 0; i < N; i += 1000) {
      await prisma.notification.createMany({ data: Array.from({ length: 1000 }, (_, j) => ({ userId: who.id, type: 'T', title: `m${i + j}`, body: 'b' })) });
    }
    await new Promise((r) => setTimeout(r, 1500));
    const heldBack = seen - before;
    const r0 = Date.now(); await blocker.query('COMMIT');
    await feed.stamper.tick();
    while (seen < before + N) await new Promise((r) => setTimeout(r, 2));
    const ms = Date.now() - r0;
    console.log(JSON.stringify({ backlog: N, heldBack, stampPublishDeliverMs: ms, eventsPerSec: Math.round((N * 1000) / ms) }));
    await blocker.end();
  }
  // (b) latency: insert → WS client receives notificationAdded
  const client = createClient({ url: t.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${who.token}` } });
  const waiting = new Map<string, (v: number) => void>();
  client.subscribe<{ notificationAdded: { title: string } }>({ query: 'subscription { notificationAdded { title } }' }, {
    next: (r) => { const title = r.data!.notificationAdded.title; waiting.get(title)?.(Date.now()); },
    error: (e) => console.error(e), complete: () => undefined,
  });
  while (feed.feed.subscribers() < 1) await new Promise((r) => setTimeout(r, 10));
  const lat: number[] = [];
  for (let i = 0; i < 300; i++) {
    const title = `lat-${randomBytes(4).toString('hex')}`;
    const arrived = new Promise<number>((r) => waiting.set(title, r));
    const s = performance.now(); const s0 = Date.now();
    await prisma.notification.create({ data: { userId: who.id, type: 'T', title, body: 'b' } });
    const at = await arrived; void s;
    lat.push(at - s0);
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.floor(p * (lat.length - 1))];
  console.log(JSON.stringify({ embedded, latencyMs: { p50: q(0.5), p95: q(0.95), max: lat.at(-1) }, stamperStats: feed.stamper.stats }));
  await client.dispose();
  await t.stop();
}
(async () => { await run(false); await run(true); process.exit(0); })();
