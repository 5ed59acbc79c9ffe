// Two instances; the stamping one is frozen (SIGSTOP, sockets open) or killed. The other
// takes the lease — within the lease time when frozen, at once when killed — and a
// subscriber resuming with afterEventId misses nothing and gets nothing twice, also after
// the frozen leader wakes up (its epoch is fenced off: it stamps and publishes nothing).
import { startAppProcess, timeUntil, type AppProcess } from './support/app-process';
import { sleep, useOwnServers } from './support/own-servers';
import { Bookings, expectNothingLost, fixtures, ResumingSubscriber } from './support/traffic';

const servers = useOwnServers();
const apps: AppProcess[] = [];
let subscriber: ResumingSubscriber | undefined;

afterEach(async () => {
  subscriber?.close();
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

const stamperOf = async (a: AppProcess) => (await a.readiness())?.body.feed.stamper;

/** Stops the leader with `signal` under load; ms until the follower stamps. */
async function takeoverAfter(signal: NodeJS.Signals, s: Awaited<ReturnType<typeof twoInstances>>) {
  const load = s.bookings.load(2, 50);
  await sleep(1000);
  s.leader.signal(signal);
  const takeover = await timeUntil(async () => (await stamperOf(s.follower)) === 'leading', 20_000);
  console.info(`leader ${signal}: replaced after ${takeover} ms (lease 10 s)`);
  return { takeover, load };
}

async function twoInstances() {
  const f = await fixtures(servers.postgres);
  const env = { DATABASE_URL: f.databaseUrl, REDIS_URL: servers.redis.url, REDIS_PREFIX: `faults:${Date.now()}:` };
  const leader = await startAppProcess(env);
  apps.push(leader);
  expect(await timeUntil(async () => (await stamperOf(leader)) === 'leading', 5000)).toBeLessThan(5000);
  const follower = await startAppProcess(env);
  apps.push(follower);
  expect(await stamperOf(follower)).toBe('following');
  // Bookings and the subscriber on the instance that stays; the stamping happens on the other.
  subscriber = new ResumingSubscriber(follower.url, f.provider.token);
  const bookings = new Bookings(f, follower.url);
  for (let i = 0; i < 5; i++) expect(await bookings.one()).not.toBeNull();
  return { f, leader, follower, subscriber, bookings };
}

it('replaces a frozen leader within the lease time; the woken one stamps nothing', async () => {
  const s = await twoInstances();
  const { f, leader, follower, subscriber, bookings } = s;
  const { takeover, load } = await takeoverAfter('SIGSTOP', s);
  // The lease (10 s from its last renewal, which came before the freeze), then the follower's
  // attempt at the moment it lapses and this test's 50 ms poll, on a busy machine.
  expect(takeover).toBeLessThan(11_000);
  await sleep(1000);
  leader.signal('SIGCONT');
  await sleep(3000);
  expect(await stamperOf(leader)).toBe('following');
  await load.stop();
  expect([leader.alive(), follower.alive()]).toEqual([true, true]);
  await expectNothingLost(f, bookings, subscriber);
});

it('replaces a killed leader at once', async () => {
  const s = await twoInstances();
  const { f, follower, subscriber, bookings } = s;
  const { takeover, load } = await takeoverAfter('SIGKILL', s);
  expect(takeover).toBeLessThan(3000);
  await sleep(1000);
  await load.stop();
  expect(follower.alive()).toBe(true);
  await expectNothingLost(f, bookings, subscriber);
});
