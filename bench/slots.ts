// availableSlots benchmarks (not tests): 30 days of slots for a provider working 8 hours a
// day with 200 holding bookings in the window, seats and booking limits on, against real PostgreSQL + Redis.
//
// In `npm run bench` (group "slots", slotsBench below): under load over HTTP, the cached
// window (anonymous GET and POST) against bare node:http sending the same bytes, and cold
// windows (each request asks a window no one asked before) at 10 connections.
//
// Run on its own, sequential latency:
//   cd server && npx tsx ../bench/slots.ts              # BENCH_COLD=200 BENCH_CACHED=1000
//
// "Server time" is measured twice: in process (AvailabilityService.availableSlots, what
// the server spends: catalog lookups, cache, queries, slot math) and over HTTP (one
// GraphQL request, parse to JSON, on the same machine). Cold: the provider's change is
// announced before every call (providerChanged, as after a booking), so each computes from the
// database and the edge cache holds nothing; cached: the
// same window again. Calls are sequential: this is latency, not throughput. Rate limits
// are off (RATE_LIMIT_ENABLED=false).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { App } from '../server/src/app';
import { ensureTemplate } from '../server/test/support/databases';
import { startBenchApp } from './bench-app';
import { startBaseline, type Baseline } from './baselines';
import { anonymousReads, answerOf, baselineRun } from './catalog';
import { sideBySide } from './load';
import type { Comparison, GroupResult } from './report';

const COLD = Number(process.env.BENCH_COLD ?? 200);
const CACHED = Number(process.env.BENCH_CACHED ?? 1000);
const DAYS = 30;
const BOOKINGS = 200;
const ZONE = 'Asia/Dhaka';
export const SLOTS_QUERY = `query($s: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(serviceId: $s, from: $from, to: $to) { startsAt endsAt } }`;

/** One provider, 09:00–17:00 every day, a 30-minute service and a 60-minute one holding 200 bookings. */
export async function seedSlots(app: App, from: Date) {
  const prisma = app.infra.prisma;
  const user = await prisma.user.create({
    data: { email: `bench-${randomBytes(3).toString('hex')}@example.test`, name: 'Bench Provider', role: 'PROVIDER' },
  });
  const customer = await prisma.user.create({
    data: { email: `bench-c-${randomBytes(3).toString('hex')}@example.test`, name: 'Bench Customer' },
  });
  const provider = await prisma.providerProfile.create({
    data: { userId: user.id, businessName: 'Bench Cleaning', timeZone: ZONE, minNoticeMinutes: 0, maxAdvanceDays: 60 },
  });
  await prisma.availabilityRule.createMany({
    data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ providerId: provider.id, weekday, startMinute: 540, endMinute: 1020 })),
  });
  const category = await prisma.category.create({ data: { slug: 'bench', name: 'Bench' } });
  const make = (durationMinutes: number) =>
    prisma.service.create({
      data: {
        providerId: provider.id,
        categoryId: category.id,
        title: `Bench ${durationMinutes}`,
        description: 'Bench',
        priceAmount: 100_000,
        durationMinutes,
      },
    });
  const [asked, busy] = [await make(30), await make(60)];
  // 200 one-hour bookings: day i % 30, local 09:00 + floor(i / 30) hours (09:00..15:00).
  const firstDay = new Date(Math.ceil((from.getTime() + 6 * 3_600_000) / 86_400_000) * 86_400_000 - 6 * 3_600_000); // next Dhaka midnight
  await prisma.booking.createMany({
    data: Array.from({ length: BOOKINGS }, (_, i) => {
      const startsAt = new Date(firstDay.getTime() + (i % DAYS) * 86_400_000 + (3 + Math.floor(i / DAYS)) * 3_600_000); // 09:00 Dhaka = 03:00Z
      const endsAt = new Date(startsAt.getTime() + 3_600_000);
      return {
        serviceId: busy.id,
        providerId: provider.id,
        customerId: customer.id,
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        status: 'CONFIRMED' as const,
        priceAmount: 100_000,
      };
    }),
  });
  // Seats and limits on (issue 19): a 3-seat service, limits per service and per provider.
  await prisma.serviceScheduling.create({ data: { serviceId: asked.id, capacity: 3, maxBookingsPerDay: 40, maxMinutesPerWeek: 6000 } });
  await prisma.providerBookingLimits.create({ data: { providerId: provider.id, maxBookingsPerDay: 60, maxMinutesPerWeek: 20_000 } });
  return { providerId: provider.id, serviceId: asked.id };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p99: at(99) };
}

async function timed(n: number, before: () => Promise<void>, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    await before();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main() {
  await ensureTemplate();
  const { app, stop } = await startBenchApp({ CACHE_TTL_SECONDS: '60' });
  try {
    const from = new Date();
    const to = new Date(from.getTime() + DAYS * 86_400_000);
    const { providerId, serviceId } = await seedSlots(app, from);
    const availability = app.services.availability;
    const slots = await availability.availableSlots(serviceId, from, to);
    const held = await app.infra.prisma.booking.count({ where: { providerId, startsAt: { gte: from, lt: to } } });
    const body = JSON.stringify({ query: SLOTS_QUERY, variables: { s: serviceId, from: from.toISOString(), to: to.toISOString() } });
    const http = async () => {
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
    };
    const inProcess = () => availability.availableSlots(serviceId, from, to);
    // As a committed booking would: the provider's slot versions move and the edge drops its answers.
    const bump = () => availability.providerChanged(providerId);
    const nothing = async () => undefined;

    await timed(50, bump, inProcess); // warm-up: JIT, pools
    await timed(50, bump, http);
    const rows = [
      ['in process, cold (provider changed before each call)', await timed(COLD, bump, inProcess)],
      ['in process, cached', await timed(CACHED, nothing, inProcess)],
      ['HTTP GraphQL, cold', await timed(COLD, bump, http)],
      ['HTTP GraphQL, cached', await timed(CACHED, nothing, http)],
    ] as const;

    console.log(
      `availableSlots over ${DAYS} days: 30-minute service, 8 working hours a day (${ZONE}), ${held} holding bookings in the window, ${slots.length} free slots returned. ${new Date().toISOString().slice(0, 10)}.\n`,
    );
    console.log('| case | calls | p50 ms | p99 ms |');
    console.log('|---|---:|---:|---:|');
    for (const [name, samples] of rows) {
      const { p50, p99 } = percentiles(samples);
      console.log(`| ${name} | ${samples.length} | ${p50.toFixed(2)} | ${p99.toFixed(2)} |`);
    }
  } finally {
    await stop();
  }
}

const COLD_CONNECTIONS = Number(process.env.BENCH_COLD_CONNECTIONS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export async function slotsBench(): Promise<GroupResult> {
  const bench = await startBenchApp({ CACHE_TTL_SECONDS: '60' });
  const comparisons: Comparison[] = [];
  let bareHttp: Baseline | undefined;
  let bareApollo: Baseline | undefined;
  try {
    const from = new Date();
    const { serviceId } = await seedSlots(bench.app, from);
    const variables = { s: serviceId, from: from.toISOString(), to: new Date(from.getTime() + DAYS * 86_400_000).toISOString() };
    const reads = anonymousReads(bench.app.url, SLOTS_QUERY, variables);
    const bytes = await answerOf(reads.post);
    if (bytes !== (await answerOf(reads.get))) throw new Error('GET and POST answer different slots');
    bareHttp = await startBaseline({ kind: 'http', bytes });
    const httpRun = baselineRun({ url: bareHttp.url }, CONNECTIONS);
    // The floor of the cold row: executing the same answer with no database, no cache, no slot math.
    bareApollo = await startBaseline({ kind: 'apollo', data: (JSON.parse(bytes) as { data: Record<string, unknown> }).data });
    const apolloPost = anonymousReads(bareApollo.url.replace(/\/graphql$/, ''), SLOTS_QUERY, variables).post;
    if ((await answerOf(apolloPost)) !== bytes) throw new Error('bare Apollo does not answer the slots HomeSer answers');
    const cached = (path: string, spec: typeof reads.post) => async () =>
      comparisons.push({
        path,
        connections: CONNECTIONS,
        baseline: `bare \`node:http\`, same ${(Buffer.byteLength(bytes) / 1024).toFixed(1)} KB`,
        target: '≥ 40%',
        ratioTarget: 0.4,
        rounds: await sideBySide({ ...spec, connections: CONNECTIONS }, httpRun),
      });
    console.error('availableSlots cached, POST vs bare node:http');
    await cached(`\`availableSlots\` ${DAYS} days, cached, anonymous POST`, reads.post)();
    console.error('availableSlots cached, GET vs bare node:http');
    await cached(`\`availableSlots\` ${DAYS} days, cached, anonymous GET`, reads.get)();
    // Cold: window i starts i minutes after the seeded one, so no cache has it.
    console.error(`availableSlots cold at ${COLD_CONNECTIONS} connections`);
    const sequence = {
      kind: 'slotWindow',
      from: 0,
      query: SLOTS_QUERY,
      serviceId,
      firstFrom: from.getTime() + 60_000,
      stepMs: 60_000,
      windowMs: DAYS * 86_400_000,
    } as const;
    comparisons.push({
      path: `\`availableSlots\` ${DAYS} days, cold (a window not asked before), POST`,
      connections: COLD_CONNECTIONS,
      baseline: 'bare Apollo 5 + Express 5, the same answer as static data',
      target: 'p99 ≤ 30 ms',
      p99Target: 30,
      rounds: await sideBySide(
        { ...reads.post, body: undefined, connections: COLD_CONNECTIONS, sequence },
        baselineRun(apolloPost, COLD_CONNECTIONS),
      ),
    });
  } finally {
    bareHttp?.stop();
    bareApollo?.stop();
    await bench.stop();
  }
  return { comparisons, notes: [] };
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
