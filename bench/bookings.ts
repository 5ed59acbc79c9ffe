// requestBooking under load in `npm run bench` (group "bookings"): signed-in customers book
// distinct free slots (no two requests ask for the same one, so every request should win)
// at 20 connections, against pgbench's TPC-B on the same PostgreSQL server at 20 clients in
// the same run. 10 providers open around the clock (UTC) with a 30-minute request-to-book
// service each (the provider answers later: a REQUESTED booking and its notification),
// 200 customers. Also the SQL statements one booking costs, on average over the run.
import { aService, anAlwaysOpenProvider, manyCustomers } from '../server/test/support/catalog-builders';
import { asTestApp, startBenchApp } from './bench-app';
import { pgbenchDatabase } from './baselines';
import { SECONDS, sideBySide } from './load';
import type { GroupResult } from './report';

const CONNECTIONS = Number(process.env.BENCH_BOOKING_CONNECTIONS ?? 20);
const PROVIDERS = 10;
const CUSTOMERS = 200;
const SLOT_MINUTES = 30;
const PGBENCH_SCALE = Number(process.env.BENCH_PGBENCH_SCALE ?? 10);
export const REQUEST_BOOKING = `mutation($input: BookingInput!) { requestBooking(input: $input) { id status startsAt endsAt } }`;

export async function bookingsBench(): Promise<GroupResult> {
  const bench = await startBenchApp();
  const pgbench = await pgbenchDatabase(PGBENCH_SCALE);
  try {
    const t = asTestApp(bench);
    const serviceIds: string[] = [];
    for (let i = 0; i < PROVIDERS; i++) {
      const provider = await anAlwaysOpenProvider(t, 'UTC', { maxAdvanceDays: 365 });
      serviceIds.push((await aService(t, provider, { durationMinutes: SLOT_MINUTES })).id);
    }
    const tokens = (await manyCustomers(t, CUSTOMERS)).map((c) => c.token);
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    const sequence = {
      kind: 'booking',
      from: 0,
      query: REQUEST_BOOKING,
      serviceIds,
      tokens,
      firstStart: tomorrow.getTime(),
      stepMs: SLOT_MINUTES * 60_000,
    } as const;
    const statementsBefore = bench.app.infra.database.statementCount();
    const booked = () => bench.app.infra.prisma.booking.count();
    console.error(`requestBooking on distinct slots at ${CONNECTIONS} connections vs pgbench (scale ${PGBENCH_SCALE})`);
    const rounds = await sideBySide(
      {
        url: `${bench.app.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: CONNECTIONS,
        sequence,
      },
      () => pgbench.run(CONNECTIONS, SECONDS).then((r) => ({ rps: r.tps, p50: r.p50, p99: r.p99 })),
    );
    const bookings = await booked();
    const perBooking = (bench.app.infra.database.statementCount() - statementsBefore) / Math.max(1, bookings);
    const answered = rounds.reduce((n, r) => n + r.subject.requests, 0);
    return {
      comparisons: [
        {
          path: '`requestBooking`, distinct slots',
          connections: CONNECTIONS,
          baseline: `\`pgbench\` TPC-B, scale ${PGBENCH_SCALE}, ${CONNECTIONS} clients`,
          target: '≥ 25%',
          ratioTarget: 0.25,
          rounds,
        },
      ],
      notes: [
        `${bookings} bookings written (warm-ups included; ${answered} answers measured); ${perBooking.toFixed(1)} SQL statements per booking on average ` +
          '(every statement the app ran during the runs, background jobs included, over the bookings written).',
      ],
    };
  } finally {
    await pgbench.drop();
    await bench.stop();
  }
}
