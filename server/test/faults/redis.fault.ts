// Redis killed, hung or absent at start: the process stays up, bookings commit, the
// subscriber misses nothing, /readyz says `redis: degraded`, and Redis is used again
// within 10 s of returning.
import { startAppProcess, timeUntil, type AppProcess } from './support/app-process';
import { ownRedis, sleep, useOwnServers, type OwnRedis } from './support/own-servers';
import { Bookings, expectNothingLost, fixtures, ResumingSubscriber, type Fixtures } from './support/traffic';

const servers = useOwnServers({ redis: false });
let redis: OwnRedis;
let app: AppProcess | undefined;
let subscriber: ResumingSubscriber | undefined;

afterEach(async () => {
  subscriber?.close();
  await app?.stop();
  await redis?.close();
});

async function anApp(f: Fixtures, opts: { redisRunning: boolean }) {
  redis = await ownRedis();
  if (opts.redisRunning) await redis.start();
  app = await startAppProcess({ DATABASE_URL: f.databaseUrl, REDIS_URL: redis.url, REDIS_PREFIX: `faults:${Date.now()}:` });
  subscriber = new ResumingSubscriber(app.url, f.provider.token);
  return { app, subscriber, bookings: new Bookings(f, app.url) };
}

const redisState = async (a: AppProcess) => (await a.readiness())?.body.redis;

/** Redis is back: within 10 s the app uses it again; then the load ends with nothing lost. */
async function expectRecovery(what: string, f: Fixtures, s: Awaited<ReturnType<typeof anApp>>, load?: { stop(): Promise<void> }) {
  const recovery = await timeUntil(async () => (await redisState(s.app)) === 'up', 15_000);
  console.info(`${what}: back to normal ${recovery} ms after Redis returned`);
  expect(recovery).toBeLessThan(10_000);
  await load?.stop();
  expect(s.app.alive()).toBe(true);
  await expectNothingLost(f, s.bookings, s.subscriber);
}

it('survives Redis being killed under load, and uses it again within 10 s of its return', async () => {
  const f = await fixtures(servers.postgres);
  const running = await anApp(f, { redisRunning: true });
  const { app, bookings } = running;
  const load = bookings.load(4, 20);
  await sleep(1500);
  await redis.kill();
  const before = bookings.acknowledged.size;
  await sleep(4000);
  expect(app.alive()).toBe(true);
  expect(bookings.acknowledged.size - before).toBeGreaterThan(2); // bookings keep committing
  expect(await app.readiness()).toMatchObject({ status: 200, body: { status: 'ready', redis: 'degraded' } });

  await redis.start();
  await expectRecovery('redis killed', f, running, load);
});

it('does not wait on a hung Redis: throughput holds while it is frozen', async () => {
  const f = await fixtures(servers.postgres);
  const running = await anApp(f, { redisRunning: true });
  const { app, bookings } = running;
  const load = bookings.load(4, 20);
  const rate = async () => {
    const from = bookings.acknowledged.size;
    await sleep(3000);
    return (bookings.acknowledged.size - from) / 3;
  };
  await sleep(1000);
  const normal = await rate();
  redis.freeze();
  const detected = await timeUntil(async () => (await redisState(app)) === 'degraded', 10_000);
  console.info(`redis hung: seen as degraded after ${detected} ms`);
  expect(detected).toBeLessThan(3000);
  // Once the breaker is open, a booking pays no Redis timeout.
  const hung = await rate();
  console.info(`redis hung: ${hung.toFixed(1)} bookings/s while frozen, ${normal.toFixed(1)}/s before`);
  expect(hung).toBeGreaterThan(normal * 0.5);

  redis.thaw();
  await expectRecovery('redis hung', f, running, load);
});

it('starts without Redis, serves, and takes Redis up when it appears', async () => {
  const f = await fixtures(servers.postgres);
  const running = await anApp(f, { redisRunning: false });
  const { app, bookings } = running;
  expect(await app.readiness()).toMatchObject({ status: 200, body: { redis: 'degraded' } });
  for (let i = 0; i < 5; i++) expect(await bookings.one()).not.toBeNull();
  await sleep(2000);
  expect(app.alive()).toBe(true);

  await redis.start();
  await expectRecovery('redis absent at start', f, running);
  for (let i = 0; i < 5; i++) expect(await bookings.one()).not.toBeNull();
});
