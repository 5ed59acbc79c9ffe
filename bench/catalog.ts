// Catalog read benchmark (not a test). `services(first: 20)` with provider, category, price
// and image URLs against real PostgreSQL + Redis, beside a bare Express route that sends the
// same JSON bytes from memory, measured in one run with autocannon (50 connections, 10 s).
//
//   cd server && NODE_ENV=production npx tsx ../bench/catalog.ts    # BENCH_SECONDS=10 BENCH_CONNECTIONS=50
//
// Cases: the bare Express route (and a bare node:http one, docs/architecture.md's yardstick); the edge
// response cache (anonymous GET, installed in front of the app the way app.ts wires it);
// executed GraphQL with the data cache warm (POST, which the edge never keeps); executed
// with every cache off (CACHE_TTL_SECONDS=0), at 50 connections and at 1 (one miss alone).
// Rate limits are off (RATE_LIMIT_ENABLED=false): one client on 127.0.0.1 sends everything.
// NODE_ENV=production matters: graphql-js runs extra instanceof checks in development.
// autocannon runs in a child process so it does not share the server's event loop.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { App } from '../server/src/app';
import { createResponseCache } from '../server/src/http/response-cache';
import { CATEGORIES, SERVICE_TEMPLATES } from '../server/src/seed/catalog';
import { ensureTemplate } from '../server/test/support/databases';
import { startBenchApp, type BenchApp } from './bench-app';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const QUERY = `query Services {
  services(first: 20) { totalCount edges { node { id title price { amount currency } durationMinutes
    category { id name } provider { id businessName city ratingAverage owner { name } }
    images { url(width: 640, height: 480) } } } }
}`;

interface Result {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function seed(app: App): Promise<void> {
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

async function start(env: Record<string, string>): Promise<BenchApp> {
  const started = await startBenchApp(env);
  await seed(started.app);
  return started;
}

/** Puts the edge cache in front of the running app, as `createServer(cache.handle(app))` in app.ts would. */
function installEdgeCache(app: App, ttlSeconds: number): void {
  const [handler] = app.httpServer.listeners('request') as RequestListener[];
  app.httpServer.removeAllListeners('request');
  app.httpServer.on('request', createResponseCache(app.services.catalog, { ttlSeconds }).handle(handler!));
}

interface Load {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
}

function autocannon(name: string, url: string, opts: Load = {}, seconds = SECONDS): Promise<Result> {
  const connections = opts.connections ?? CONNECTIONS;
  const args = [require.resolve('autocannon/autocannon.js'), '-c', String(connections), '-d', String(seconds), '-j', '-n'];
  if (opts.method) args.push('-m', opts.method);
  if (opts.body) args.push('-b', opts.body);
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
      resolve({
        name,
        connections,
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

/** A short unrecorded run first, so JIT, pools and caches are warm when measuring. */
async function measure(name: string, url: string, opts: Load = {}): Promise<Result> {
  await autocannon(name, url, opts, 2);
  const result = await autocannon(name, url, opts);
  console.error(
    `${name}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`,
  );
  return result;
}

async function main() {
  if (process.env.NODE_ENV !== 'production') console.error('note: run with NODE_ENV=production for representative figures');
  await ensureTemplate();
  const post = { method: 'POST', body: JSON.stringify({ query: QUERY }), headers: { 'content-type': 'application/json' } };
  const getUrl = (base: string) => `${base}/graphql?${new URLSearchParams({ query: QUERY })}`;
  const getHeaders = { headers: { 'apollo-require-preflight': 'true' } };
  const results: Result[] = [];

  const cachedApp = await start({ CACHE_TTL_SECONDS: '60' });
  installEdgeCache(cachedApp.app, 60);
  const res = await fetch(`${cachedApp.app.url}/graphql`, { method: 'POST', headers: post.headers, body: post.body });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!bytes.includes('"edges"') || bytes.includes('"errors"')) throw new Error(`unexpected response: ${bytes.toString().slice(0, 300)}`);

  // The yardstick: the same bytes from memory through Express, nothing else.
  const bare = express();
  bare.get('/bare', (_req, r) => void r.type('application/json').send(bytes));
  const bareServer: Server = createServer(bare);
  await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/bare`;
  const rawServer = createServer(
    (_req, r) => void r.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes),
  );
  await new Promise<void>((resolve) => rawServer.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}/`;

  results.push(await measure('bare Express route, same bytes', bareUrl));
  results.push(await measure('bare node:http route, same bytes', rawUrl));
  results.push(await measure('cache hit: edge response cache (anonymous GET)', getUrl(cachedApp.app.url), getHeaders));
  results.push(await measure('executed, data cache warm (POST)', `${cachedApp.app.url}/graphql`, post));
  await cachedApp.stop();
  await new Promise((resolve) => bareServer.close(resolve));
  await new Promise((resolve) => rawServer.close(resolve));

  const uncached = await start({ CACHE_TTL_SECONDS: '0' });
  results.push(await measure('cache miss: executed, every cache off (CACHE_TTL_SECONDS=0)', `${uncached.app.url}/graphql`, post));
  results.push(await measure('cache miss, one connection (a miss alone)', `${uncached.app.url}/graphql`, { ...post, connections: 1 }));
  await uncached.stop();

  const base = results[0]!.rps;
  console.log(`Response: ${bytes.length} bytes; ${SECONDS} s per case; ${new Date().toISOString().slice(0, 10)}.\n`);
  console.log('| case | connections | requests/s | % of bare Express | p50 ms | p99 ms | non-2xx / errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.connections} | ${r.rps} | ${Math.round((r.rps / base) * 100)}% | ${r.p50} | ${r.p99} | ${r.non2xx} / ${r.errors} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
