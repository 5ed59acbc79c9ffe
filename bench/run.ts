// `npm run bench [-- GROUP...]`: every scenario of issue 20 against its baseline in the same
// run, two rounds each (BENCH_ROUNDS), clients and baselines in processes of their own, and
// the tables of bench/README.md rewritten with the figures (BENCH_WRITE=false only prints).
// Groups: catalog, slots, bookings (all when none is named). Each benchmark makes and drops
// its own database and Redis prefix (bench/bench-app.ts). Rate limits are off: one client on
// 127.0.0.1 sends everything. NODE_ENV=production: graphql-js adds checks in development.
import 'reflect-metadata';
import { ensureTemplate } from '../server/test/support/databases';
import { bookingsBench } from './bookings';
import { catalogBench } from './catalog';
import { SECONDS, WARM_SECONDS } from './load';
import { comparisonTable, provenance, rewriteBlock, type GroupResult } from './report';
import { slotsBench } from './slots';

const GROUPS: Record<string, () => Promise<GroupResult>> = { catalog: catalogBench, slots: slotsBench, bookings: bookingsBench };

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in GROUPS));
  if (unknown.length) throw new Error(`unknown group ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}`);
  if (process.env.NODE_ENV !== 'production') console.error('note: run with NODE_ENV=production for representative figures');
  await ensureTemplate();
  for (const name of asked.length ? asked : Object.keys(GROUPS)) {
    console.error(`\n== ${name}`);
    const result = await GROUPS[name]!();
    const loads = result.comparisons.flatMap((c) => c.rounds.map((r) => r.subject.load ?? NaN)).filter(Number.isFinite);
    const markdown = [
      provenance(`npm run bench -- ${name}`, loads) + ` ${WARM_SECONDS} s warm-up, then ${SECONDS} s per run; rounds are separated by ·.`,
      comparisonTable(result.comparisons),
      ...result.notes,
    ].join('\n\n');
    console.log(`\n${markdown}\n`);
    if (process.env.BENCH_WRITE !== 'false') await rewriteBlock(name, markdown);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
