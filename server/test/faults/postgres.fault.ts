// PostgreSQL restarted, stopped for 10 s, or the LISTEN backend terminated: the process
// stays up, the change feed's LISTEN comes back (/readyz says so meanwhile), and delivery
// latency is back to normal within 5 s of PostgreSQL answering again.
import { startAppProcess, timeUntil, type AppProcess } from './support/app-process';
import { sleep, useOwnServers } from './support/own-servers';
import {
  baselineLatency,
  Bookings,
  expectNothingLost,
  fixtures,
  ResumingSubscriber,
  timeToNormalDelivery,
  type Fixtures,
} from './support/traffic';

const servers = useOwnServers();
let app: AppProcess | undefined;
let subscriber: ResumingSubscriber | undefined;

afterEach(async () => {
  subscriber?.close();
  await app?.stop();
});

// Normal delivery here is tens of milliseconds; the 1 s safety-net tick alone averages 500.
const SLOW_MS = 300;

async function anApp(f: Fixtures) {
  app = await startAppProcess({ DATABASE_URL: f.databaseUrl, REDIS_URL: servers.redis.url, REDIS_PREFIX: `faults:${Date.now()}:` });
  subscriber = new ResumingSubscriber(app.url, f.provider.token);
  const bookings = new Bookings(f, app.url);
  const baseline = await baselineLatency(bookings, subscriber);
  console.info(`baseline delivery latency ${baseline} ms`);
  expect(baseline).toBeLessThan(SLOW_MS);
  return { app, subscriber, bookings };
}

const doorbell = async (a: AppProcess) => (await a.readiness())?.body.feed?.doorbell;

it('reconnects LISTEN after a PostgreSQL restart', async () => {
  const f = await fixtures(servers.postgres);
  const { app, subscriber, bookings } = await anApp(f);
  await servers.postgres.restart();
  const back = Date.now();
  const recovery = await timeToNormalDelivery(bookings, subscriber, back, SLOW_MS);
  console.info(`postgres restart: delivery normal ${recovery.ms} ms after it returned (${recovery.probes} probes)`);
  expect(recovery.ms).toBeLessThan(5000);
  expect(await doorbell(app)).toBe('listening');
  expect(app.alive()).toBe(true);
  await expectNothingLost(f, bookings, subscriber);
});

it('rides out PostgreSQL stopped for 10 s', async () => {
  const f = await fixtures(servers.postgres);
  const { app, subscriber, bookings } = await anApp(f);
  await servers.postgres.stop();
  const load = bookings.load(2, 100); // refused meanwhile, never acknowledged
  await sleep(2000);
  expect(await doorbell(app)).toBe('reconnecting');
  expect((await app.readiness())?.status).toBe(503);
  await sleep(8000);
  expect(app.alive()).toBe(true);
  await servers.postgres.start();
  const back = Date.now();
  await load.stop();
  const recovery = await timeToNormalDelivery(bookings, subscriber, back, SLOW_MS);
  console.info(`postgres stopped 10 s: delivery normal ${recovery.ms} ms after it returned`);
  expect(recovery.ms).toBeLessThan(5000);
  expect(await doorbell(app)).toBe('listening');
  await expectNothingLost(f, bookings, subscriber);
});

it('reconnects LISTEN when its backend is terminated', async () => {
  const f = await fixtures(servers.postgres);
  const { app, subscriber, bookings } = await anApp(f);
  const [killed] = await servers.postgres.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'homeser-listen'`,
  );
  expect(killed!.n).toBe(1);
  const back = Date.now();
  const reconnected = await timeUntil(async () => (await doorbell(app)) === 'listening', 5000);
  const recovery = await timeToNormalDelivery(bookings, subscriber, back, SLOW_MS, 5000);
  console.info(`LISTEN terminated: listening again after ${reconnected} ms, delivery normal after ${recovery.ms} ms`);
  expect(recovery.ms).toBeLessThan(5000);
  expect(app.alive()).toBe(true);
  await expectNothingLost(f, bookings, subscriber);
});
