// What one requestBooking costs the database and Redis, so a change that adds round trips to the
// booking path shows here (issue 20, target 5; the figures under load are in bench/README.md).
// The read of the provider's other bookings stays although the exclusion constraint would
// turn an overlap away on its own: without it, the 99 losers of a contested slot all insert
// and wait on each other (deadlock_timeout, retries): bookings-race.test.ts then took 47 s
// alone (load average ~20) and ran past Jest's 60 s timeout beside other suites.
import { aCustomer, type Account } from './support/accounts';
import { aService, anAlwaysOpenProvider, requestBooking, type TestService } from './support/catalog-builders';
import { testRedisUrl } from './support/databases';
import { monitorRedis } from './support/redis-monitor';
import { fewestStatements, statementsDuring } from './support/statements';
import { codes, startTestApp, type TestApp } from './support/test-app';

// Reached on 2026-12-07 with the fields the tests ask for (BOOKING_FIELDS): the service with its
// provider; both policies with the provider's calendar around the start; the provider's other
// bookings; the customer's name for the notice's words and the provider's address for its email
// in one read (the service and provider are known by then); then the booking, its notification
// and email (which checks the opt-out itself) as one statement; and the answer's two reads (8
// earlier that day, when the calendar was read apart; 13 on 2026-12-03, when the opt-outs and
// the address were read apart and the writes were a transaction of five; 19 before).
const MOST_STATEMENTS_PER_BOOKING = 7;

// The slots' versions bumped (the provider's and the global one, in one round trip since
// 2026-12-07) and the global one read back by the slots' edge cache, after the local change and
// again when the booking comes through the change feed (which is how other instances' show).
const MOST_REDIS_COMMANDS_PER_BOOKING = 4;

let t: TestApp;
let service: TestService;
let customer: Account;

beforeAll(async () => {
  t = await startTestApp();
  service = await aService(t, await anAlwaysOpenProvider(t, 'UTC', { maxAdvanceDays: 365 }), { durationMinutes: 30 });
  customer = await aCustomer(t);
});
afterAll(() => t.stop());

const tomorrow = () => {
  const d = new Date();
  d.setUTCHours(24, 0, 0, 0);
  return d.getTime();
};

it(`books a free slot in at most ${MOST_STATEMENTS_PER_BOOKING} SQL statements`, async () => {
  let slot = 0;
  const statements = await fewestStatements(t, async () => {
    const r = await requestBooking(t, customer, service.id, new Date(tomorrow() + slot++ * 30 * 60_000));
    expect(r.errors).toBeUndefined();
    expect(r.data!.requestBooking.status).toBe('REQUESTED');
  });
  expect(statements).toBeLessThanOrEqual(MOST_STATEMENTS_PER_BOOKING);
});

it(`costs at most ${MOST_REDIS_COMMANDS_PER_BOOKING} Redis commands besides the caller's session check`, async () => {
  const prefix = t.app.infra.config.redis.prefix;
  const seen: string[] = [];
  let lastSeenAt = Date.now();
  const monitor = await monitorRedis(testRedisUrl, ({ name, args }) => {
    if (!args.some((a) => a.startsWith(prefix) && !a.includes(':auth:session:'))) return;
    seen.push([name, ...args].join(' '));
    lastSeenAt = Date.now();
  });
  // Until 300 ms pass without a command: the change feed's read-backs come a moment after an answer.
  const quiet = async () => {
    const until = Date.now() + 3000;
    while (Date.now() - lastSeenAt < 300 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  try {
    await quiet(); // what earlier tests set going
    seen.length = 0;
    expect((await requestBooking(t, customer, service.id, new Date(tomorrow() + 40 * 24 * 3_600_000))).errors).toBeUndefined();
    lastSeenAt = Date.now();
    await quiet();
  } finally {
    monitor.stop();
  }
  expect(seen.filter((c) => c.startsWith('incr '))).toHaveLength(2); // the provider's slots version and the global one
  expect(seen.length).toBeLessThanOrEqual(MOST_REDIS_COMMANDS_PER_BOOKING);
});

it("addresses the booking's notice and email without reading anyone's password hash", async () => {
  const at = new Date(tomorrow() + 20 * 24 * 3_600_000);
  const userReads = async () =>
    (await statementsDuring(t, () => requestBooking(t, customer, service.id, at))).filter((sql) => /app_user/.test(sql));
  const reads = await userReads();
  expect(reads.length).toBeGreaterThan(0); // the customer's name, the provider's address
  expect(reads.filter((sql) => /password_hash|phone/.test(sql))).toEqual([]);
});

it('reads the people of concurrent requests once each, for their notices and emails alike', async () => {
  const customers = await Promise.all([1, 2, 3, 4, 5].map(() => aCustomer(t)));
  const first = tomorrow() + 30 * 24 * 3_600_000;
  const contactReads = (
    await statementsDuring(t, () =>
      Promise.all(customers.map((c, i) => requestBooking(t, c, service.id, new Date(first + i * 30 * 60_000)))),
    )
  ).filter((sql) => /FROM app_user/.test(sql));
  // Each request's notice reads its customer and provider together and hands them to its email.
  expect(contactReads.length).toBeLessThanOrEqual(customers.length);
});

it('turns away a taken slot with SLOT_UNAVAILABLE', async () => {
  const at = new Date(tomorrow() + 10 * 24 * 3_600_000);
  const first = await requestBooking(t, customer, service.id, at);
  expect(first.errors).toBeUndefined();
  const other = await aCustomer(t);
  const second = await requestBooking(t, other, service.id, at);
  expect(codes(second)).toEqual(['SLOT_UNAVAILABLE']);
});
