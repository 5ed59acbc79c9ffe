// The catalog page in `npm run bench` (group "catalog"): `services(first: 20)` with provider
// (and its owner's name), category, price and two image URLs, over 120 seeded services from
// 30 providers on real PostgreSQL 15 and Redis 7. Each path against its baseline in the same
// run (bench/load.ts, bench/baselines.ts):
//  - anonymous GET, answered by the edge response cache, vs bare node:http sending the same bytes;
//  - anonymous POST (Apollo Client's and integrators' default), vs bare Apollo over the same schema and static data;
//  - POST with the edge cache off (EDGE_CACHE_ENABLED=false) and the data cache warm, vs bare Apollo;
//  - a miss (CACHE_TTL_SECONDS=0: every cache off), vs bare Apollo;
// and the Redis commands and SQL statements one page costs, warm and right after a catalog change.
import type { App } from '../server/src/app';
import { CATEGORIES, SERVICE_TEMPLATES } from '../server/src/seed/catalog';
import { fewestStatements } from '../server/test/support/statements';
import { asTestApp, startBenchApp, type BenchApp } from './bench-app';
import { startBaseline, type Baseline } from './baselines';
import { sideBySide, type Figures, measure, type RequestSpec } from './load';
import { redisCommandsOf } from './redis-commands';
import type { Comparison, GroupResult } from './report';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const CATALOG_QUERY = `query Services {
  services(first: 20) { totalCount edges { node { id title price { amount currency } durationMinutes
    category { id name } provider { id businessName city ratingAverage owner { name } }
    images { url(width: 640, height: 480) } } } }
}`;
/** The catalog page searched: a swapped letter, so the typo patterns do the matching. */
const SEARCH_TYPO = 'claening';
const SEARCH_QUERY = CATALOG_QUERY.replace('query Services {', 'query Search($search: String) {').replace(
  'services(first: 20)',
  'services(first: 20, filter: { search: $search })',
);
const JSON_HEADERS = { 'content-type': 'application/json' };

/** 8 categories, 30 providers in 5 cities (three in four rated), 120 services with two images each. */
export async function seedCatalog(app: App): Promise<void> {
  const prisma = app.infra.prisma;
  const categories = await Promise.all(
    CATEGORIES.map((c, i) => prisma.category.create({ data: { slug: c.slug, name: c.name, sortOrder: i } })),
  );
  const cities = ['Dhaka', 'Chattogram', 'Sylhet', 'Khulna', 'Rajshahi'];
  const providers = [];
  for (let i = 0; i < 30; i++) {
    const user = await prisma.user.create({ data: { email: `bench-${i}@example.test`, name: `Provider ${i}`, role: 'PROVIDER' } });
    const rated = i % 4 !== 0;
    providers.push(
      await prisma.providerProfile.create({
        data: {
          userId: user.id,
          businessName: `Bench Services ${i}`,
          city: cities[i % cities.length],
          timeZone: 'Asia/Dhaka',
          ratingCount: rated ? 10 : 0,
          ratingSum: rated ? 30 + (i % 20) : 0,
        },
      }),
    );
  }
  const templates = categories.flatMap((c, ci) => SERVICE_TEMPLATES[CATEGORIES[ci]!.slug].map((t) => ({ t, categoryId: c.id })));
  for (let i = 0; i < 120; i++) {
    const { t, categoryId } = templates[i % templates.length]!;
    const provider = providers[i % providers.length]!;
    const service = await prisma.service.create({
      data: {
        providerId: provider.id,
        categoryId,
        title: t.title,
        description: t.description,
        priceAmount: t.priceTaka[0] * 100 + i * 100,
        durationMinutes: t.durations[0]!,
        terms: t.terms ?? null,
      },
    });
    await prisma.serviceImage.createMany({
      data: [0, 1].map((position) => ({
        serviceId: service.id,
        position,
        publicId: `homeser/providers/${provider.id}/${service.id.slice(0, 8)}-${position}`,
      })),
    });
  }
}

/** The anonymous requests for one GraphQL read, as GET (with Apollo's CSRF preflight header) and as POST. */
export function anonymousReads(base: string, query: string, variables?: Record<string, unknown>) {
  const params = new URLSearchParams({ query, ...(variables && { variables: JSON.stringify(variables) }) });
  const get: RequestSpec = { url: `${base}/graphql?${params}`, headers: { 'apollo-require-preflight': 'true' } };
  const post: RequestSpec = { url: `${base}/graphql`, method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) };
  return { get, post };
}

/** Sends one request as a load run would and returns the answer's bytes (an error answer throws). */
export async function answerOf(spec: RequestSpec): Promise<string> {
  const res = await fetch(spec.url, { method: spec.method ?? 'GET', headers: spec.headers, body: spec.body });
  const text = await res.text();
  if (!res.ok || text.includes('"errors"')) throw new Error(`unexpected answer (${res.status}): ${text.slice(0, 300)}`);
  return text;
}

/** A measured baseline: the same warm-up and run as HomeSer's side. */
export const baselineRun = (spec: RequestSpec, connections: number) => (): Promise<Figures> => measure({ ...spec, connections });

async function catalogApp(env: Record<string, string>): Promise<BenchApp> {
  const bench = await startBenchApp(env);
  await seedCatalog(bench.app);
  return bench;
}

export async function catalogBench(): Promise<GroupResult> {
  const comparisons: Comparison[] = [];
  const notes: string[] = [];
  const baselines: Baseline[] = [];
  const row = (
    path: string,
    baseline: string,
    target: string,
    targets: Pick<Comparison, 'ratioTarget' | 'p99Target'>,
    rounds: Comparison['rounds'],
  ) => comparisons.push({ path, connections: CONNECTIONS, baseline, target, rounds, ...targets });
  try {
    let bench = await catalogApp({ CACHE_TTL_SECONDS: '60' });
    let reads = anonymousReads(bench.app.url, CATALOG_QUERY);
    const getBytes = await answerOf(reads.get);
    const page = JSON.parse(await answerOf(reads.post)) as { data: Record<string, unknown> };
    const bareHttp = await startBaseline({ kind: 'http', bytes: getBytes });
    const bareApollo = await startBaseline({ kind: 'apollo', data: page.data });
    baselines.push(bareHttp, bareApollo);
    const apolloPost = anonymousReads(bareApollo.url.replace(/\/graphql$/, ''), CATALOG_QUERY).post;
    const bare = JSON.parse(await answerOf(apolloPost)) as { data: unknown };
    if (JSON.stringify(bare.data) !== JSON.stringify(page.data)) throw new Error('bare Apollo does not answer the page HomeSer answers');
    const httpRun = baselineRun({ url: bareHttp.url }, CONNECTIONS);
    const apolloRun = baselineRun(apolloPost, CONNECTIONS);
    console.error(`catalog page: ${Buffer.byteLength(getBytes)} bytes`);

    console.error('catalog GET (edge hit) vs bare node:http');
    row(
      'catalog page, anonymous GET (edge hit)',
      'bare `node:http`, same bytes',
      '≥ 60%',
      { ratioTarget: 0.6 },
      await sideBySide({ ...reads.get, connections: CONNECTIONS }, httpRun),
    );
    console.error('catalog POST vs bare Apollo');
    row(
      'catalog page, anonymous POST',
      'bare Apollo 5 + Express 5, static data',
      '≥ 60%',
      { ratioTarget: 0.6 },
      await sideBySide({ ...reads.post, connections: CONNECTIONS }, apolloRun),
    );
    notes.push(await redisTable(bench.app, reads));
    await bench.stop();

    bench = await catalogApp({ CACHE_TTL_SECONDS: '60', EDGE_CACHE_ENABLED: 'false' });
    reads = anonymousReads(bench.app.url, CATALOG_QUERY);
    await answerOf(reads.post);
    console.error('catalog POST, edge cache off, data cache warm vs bare Apollo');
    row(
      'catalog page, warm POST, edge cache off',
      'bare Apollo 5 + Express 5, static data',
      '≥ 60%',
      { ratioTarget: 0.6 },
      await sideBySide({ ...reads.post, connections: CONNECTIONS }, apolloRun),
    );
    await bench.stop();

    bench = await catalogApp({ CACHE_TTL_SECONDS: '0' });
    reads = anonymousReads(bench.app.url, CATALOG_QUERY);
    console.error('catalog miss (CACHE_TTL_SECONDS=0) vs bare Apollo');
    row(
      'catalog page, miss (`CACHE_TTL_SECONDS=0`)',
      'bare Apollo 5 + Express 5, static data',
      '≥ 50%',
      { ratioTarget: 0.5 },
      await sideBySide({ ...reads.post, connections: CONNECTIONS }, apolloRun),
    );
    // The same page searched with a typo (a swap: "claening"), against the plain miss above.
    const search = anonymousReads(bench.app.url, SEARCH_QUERY, { search: SEARCH_TYPO });
    await answerOf(search.post);
    console.error(`catalog search miss ("${SEARCH_TYPO}") vs the plain miss`);
    row(
      `catalog search page, miss ("${SEARCH_TYPO}")`,
      'the plain page miss, same app',
      'p99 ≤ 2× (req/s ≥ 50%)',
      { ratioTarget: 0.5 },
      await sideBySide({ ...search.post, connections: CONNECTIONS }, baselineRun(reads.post, CONNECTIONS)),
    );
    const statements = await fewestStatements(asTestApp(bench), () => answerOf(reads.post));
    const searchStatements = await fewestStatements(asTestApp(bench), () => answerOf(search.post));
    notes.push(`A miss runs ${statements} SQL statements, a search miss ${searchStatements} (fewest of 3 pages; target ≤ 3).`);
    await bench.stop();
  } finally {
    for (const b of baselines) b.stop();
  }
  return { comparisons, notes };
}

/** Redis commands and SQL statements of one page, warm (asked again) and cold (right after a catalog change). */
async function redisTable(app: App, reads: ReturnType<typeof anonymousReads>): Promise<string> {
  const lines = ['| one catalog page | Redis commands | which | SQL statements |', '| --- | --: | --- | --: |'];
  for (const [name, spec] of [
    ['anonymous GET', reads.get],
    ['anonymous POST', reads.post],
  ] as const) {
    for (const [state, before] of [
      ['warm', () => answerOf(spec)],
      ['cold (after a catalog change)', () => app.services.catalog.catalogChanged()],
    ] as const) {
      let sql = Infinity;
      const counted = await redisCommandsOf(
        app,
        async () => {
          const from = app.infra.database.statementCount();
          await answerOf(spec);
          sql = Math.min(sql, app.infra.database.statementCount() - from);
        },
        before,
      );
      lines.push(`| ${name}, ${state} | ${counted.commands} | ${counted.names || '—'} | ${sql} |`);
    }
  }
  return ["Redis commands per page (target ≤ 3 warm), counted with MONITOR on the app's connection, fewest of 3 tries:", '', ...lines].join(
    '\n',
  );
}
