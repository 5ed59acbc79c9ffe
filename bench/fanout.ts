// Fan-out benchmark (not a test): BENCH_SUBSCRIBERS idle subscribers on one instance, in
// BENCH_PROCESSES client processes, then BENCH_WRITES single bookings one after another;
// for each, when every subscriber received it. 90% subscribe to availabilityChanged of the
// service (public), 10% to bookingUpdated as an admin (every booking): all receive each
// write. Also the app's heap per idle subscriber, the statements each write caused, and the
// CPU the app's process and the clients spent on each write (the figure that holds on a
// shared machine, where wall times measure the queue for the cores).
//
//   cd server && NODE_ENV=production node --expose-gc --import tsx ../bench/fanout.ts
//   # BENCH_SUBSCRIBERS=10000 BENCH_PROCESSES=4 BENCH_WRITES=5 BENCH_OPENING=25
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { aCustomer, anAdmin } from '../server/test/support/accounts';
import { aService, anAlwaysOpenProvider } from '../server/test/support/catalog-builders';
import { ensureTemplate } from '../server/test/support/databases';
import { asTestApp, startBenchApp } from './bench-app';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const WRITES = Number(process.env.BENCH_WRITES ?? 5);
const REQUEST = `mutation($input: BookingInput!) { requestBooking(input: $input) { id } }`;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
interface Report {
  arrivals: number[];
  acknowledged: number;
  problems: Record<string, number>;
  cpuMs: number;
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function main() {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc for the heap figure');
  await ensureTemplate();
  // The app's own loggers stay quiet; subscriptions need no rate limit.
  const bench = await startBenchApp({ LOG_LEVEL: 'error' });
  const { app } = bench;
  const t = asTestApp(bench);
  const children: ChildProcess[] = [];
  try {
    const provider = await anAlwaysOpenProvider(t, 'UTC', { maxAdvanceDays: 60 });
    const service = await aService(t, provider, { instantBooking: true, durationMinutes: 60 });
    const customer = await aCustomer(t);
    const admin = await anAdmin(t);

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const opened = Date.now();
    for (let i = 0; i < PROCESSES; i++) {
      const child = fork(join(__dirname, 'fanout-clients.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          BENCH_WS_URL: app.url.replace('http', 'ws') + '/graphql',
          BENCH_COUNT: String(Math.ceil(SUBSCRIBERS / PROCESSES)),
          BENCH_SERVICE_ID: service.id,
          BENCH_ADMIN_TOKEN: admin.token,
        },
      });
      child.on('message', (m: { error?: string }) => void (m.error && console.error('client error:', m.error)));
      children.push(child);
    }
    const feed = app.services.changeFeed.feed;
    while (feed.subscribers() < SUBSCRIBERS) {
      await sleep(500);
      if (Date.now() - opened > Math.max(300_000, SUBSCRIBERS * 60))
        throw new Error(`only ${feed.subscribers()} subscribers after ${Math.round((Date.now() - opened) / 1000)} s`);
    }
    const subscribed = feed.subscribers();
    console.log(`${subscribed} subscribers in ${((Date.now() - opened) / 1000).toFixed(1)} s; load average ${load()}`);
    await sleep(2000);
    gc();
    const heapPerSubscriber = (process.memoryUsage().heapUsed - heapBefore) / subscribed;

    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    const rows: string[] = [];
    const lasts: number[] = [];
    const report = () =>
      Promise.all(
        children.map(
          (c) =>
            new Promise<Report>((resolve) => {
              const on = (m: Partial<Report>) => {
                if (!m.arrivals) return;
                c.off('message', on);
                resolve(m as Report);
              };
              c.on('message', on);
              c.send({ report: true });
            }),
        ),
      );
    // What idle subscribers cost over the same 3 s with no write (keep-alive pings, timers):
    // subtract it from the columns below for the cost of the fan-out alone.
    let clientCpuBefore = (await report()).reduce((sum, r) => sum + r.cpuMs, 0);
    const idleCpuBefore = cpuMs();
    await sleep(3000);
    const idleCpu = cpuMs() - idleCpuBefore;
    const idleClients = (await report()).reduce((sum, r) => sum + r.cpuMs, 0) - clientCpuBefore;
    clientCpuBefore += idleClients;
    console.log(`idle 3 s: app CPU ${idleCpu.toFixed(0)} ms, clients CPU ${idleClients.toFixed(0)} ms; load average ${load()}`);
    // BENCH_CPU_PROFILE=file.cpuprofile: the app's CPU profile over the writes only.
    const profiler = process.env.BENCH_CPU_PROFILE ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    // When each write's change reached this instance's hub (committed, stamped, published):
    // the rest of the time to the last delivery is the fan-out's.
    let atHub = 0;
    feed.attach(() => void (atHub ||= Date.now()));
    for (let w = 0; w < WRITES; w++) {
      const statementsBefore = app.infra.database.statementCount();
      const cpuBefore = cpuMs();
      const cpuWindowStart = Date.now();
      // Clients count from the moment the write is sent; the mark reaches them before it.
      const sendAt = Date.now() + 100;
      for (const c of children) c.send({ mark: sendAt });
      await sleep(sendAt - Date.now());
      atHub = 0;
      const startsAt = new Date(tomorrow.getTime() + (w + 24) * 3_600_000).toISOString();
      const r = await t.gql(REQUEST, { input: { serviceId: service.id, startsAt } }, { token: customer.token });
      if (!r.data) throw new Error(JSON.stringify(r.errors));
      // Until every subscriber has this write (or a minute passed): a late arrival must not
      // be counted against the next write.
      let reports = await report();
      while (reports.reduce((n, r) => n + r.arrivals.length, 0) < subscribed && Date.now() - sendAt < 60_000) {
        await sleep(250);
        reports = await report();
      }
      await sleep(250);
      reports = await report();
      const windowMs = Date.now() - cpuWindowStart;
      const serverCpu = cpuMs() - cpuBefore;
      const clientCpu = reports.reduce((sum, r) => sum + r.cpuMs, 0);
      const arrivals = reports.flatMap((r) => r.arrivals).sort((a, b) => a - b);
      const statements = app.infra.database.statementCount() - statementsBefore;
      lasts.push(arrivals.at(-1) ?? NaN);
      // Net of what idle subscribers cost over the same window (keep-alive pings, timers).
      const net = (ms: number, idle: number) => ms - (idle * windowMs) / 3000;
      const perDelivery = (ms: number) => ((ms * 1000) / Math.max(1, arrivals.length)).toFixed(1);
      const appNet = net(serverCpu, idleCpu);
      const clientsNet = net(clientCpu - clientCpuBefore, idleClients);
      rows.push(
        `| ${w + 1} | ${arrivals.length} | ${atHub - sendAt} | ${pct(arrivals, 50)} | ${pct(arrivals, 99)} | ${arrivals.at(-1)} | ${statements} | ` +
          `${appNet.toFixed(0)} (${perDelivery(appNet)}) | ${clientsNet.toFixed(0)} (${perDelivery(clientsNet)}) | ${load()} |`,
      );
      clientCpuBefore = clientCpu;
    }
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(process.env.BENCH_CPU_PROFILE!, JSON.stringify(profile));
    }
    const final = await report();
    const problems = final.reduce<Record<string, number>>((all, r) => {
      for (const [what, n] of Object.entries(r.problems)) all[what] = (all[what] ?? 0) + n;
      return all;
    }, {});
    console.log(`connections acknowledged: ${final.reduce((sum, r) => sum + r.acknowledged, 0)}; problems: ${JSON.stringify(problems)}`);
    console.log(`\nheap per idle subscriber: ${(heapPerSubscriber / 1024).toFixed(1)} KB (${subscribed} subscribers)\n`);
    // CPU columns: ms from the write until its last delivery, net of the idle cost over that
    // time (µs per delivery); the app's includes the write itself.
    console.log(
      '| write | deliveries | at hub ms | p50 ms | p99 ms | last ms | statements | app CPU ms (µs/delivery) | clients CPU ms (µs/delivery) | load 1/5/15 |',
    );
    console.log('| ----: | ---------: | --------: | -----: | -----: | ------: | ---------: | ----: | ----: | :--- |');
    for (const row of rows) console.log(row);
    lasts.sort((a, b) => a - b);
    console.log(`\nlast delivery over ${WRITES} writes: median ${pct(lasts, 50)} ms, worst ${lasts.at(-1)} ms`);
  } finally {
    for (const c of children) c.kill();
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
