// The customer's SPA budgets, measured in Debian's Chromium against the app as `npm start`
// serves it (embedded default, seeded demo, fresh data folder): JavaScript a first visit
// downloads (gzip and what was really sent), whether repeat catalog reads come from the
// response cache (x-cache: HIT) for a second visitor, and the time from navigation to the
// first service card (cold: a new visitor; warm: scripts cached), with the machine's load.
//   npm run bench:spa        (BENCH_URL=http://127.0.0.1:4000 measures a running app instead)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Response } from 'playwright';

const BUDGET_KB = 200;
const RUNS = 7;

async function startServer(): Promise<{ url: string; server: ChildProcess | null }> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, server: null };
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'homeser-bench-spa-')),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const server = spawn('npm', ['start'], { cwd: join(__dirname, '..'), env, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, server };
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the app did not start');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function firstCardMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('article').first().waitFor();
  return page.evaluate(() => performance.now());
}

async function main() {
  const { url, server } = await startServer();
  // A missing /usr/bin/chromium must not leave the started app running.
  const browser = await chromium
    .launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    .catch((error: unknown) => {
      if (server?.pid) process.kill(-server.pid, 'SIGTERM');
      throw error;
    });
  try {
    // 1. First visit to the home page: every script it loads, gzip-compressed and as sent.
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: { url: string; gzip: number; sent: number }[] = [];
    const onScript = async (res: Response) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => null);
      const sizes = await res
        .request()
        .sizes()
        .catch(() => null);
      if (body) scripts.push({ url: new URL(res.url()).pathname, gzip: gzipSync(body).length, sent: sizes?.responseBodySize ?? 0 });
    };
    page.on('response', onScript);
    await page.goto(`${url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('article').first().waitFor();
    // Only the first visit's scripts count: later navigations of this page load them again.
    page.off('response', onScript);
    const gzipKb = scripts.reduce((n, s) => n + s.gzip, 0) / 1024;
    const sentKb = scripts.reduce((n, s) => n + s.sent, 0) / 1024;

    // 2. Catalog reads of the same pages by a first and then a second visitor (new browser
    // contexts: nothing cached in the page): every public read is a GET; the second
    // visitor's should all be answered by the response cache (x-cache: HIT).
    const serviceHref = await page.goto(`${url}/search?q=plumbing`).then(async () => {
      await page.getByRole('article').first().waitFor();
      return page.getByRole('article').first().getByRole('link').first().getAttribute('href');
    });
    const pages = ['/', '/search?q=plumbing', '/search?q=cleaning&sort=PRICE_ASC', serviceHref ?? '/'];
    const visit = async () => {
      const reads: { operation: string; method: string; cache: string }[] = [];
      const context = await browser.newContext();
      const visitor = await context.newPage();
      visitor.on('response', (res) => {
        const request = res.request();
        // API reads only (a script chunk may be named graphql-*.js).
        if (new URL(res.url()).pathname !== '/graphql' || request.resourceType() !== 'fetch') return;
        const operation =
          new URL(res.url()).searchParams.get('operationName') ??
          (JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName ??
          '?';
        reads.push({ operation, method: request.method(), cache: res.headers()['x-cache'] ?? 'none' });
      });
      for (const path of pages) await visitor.goto(`${url}${path}`, { waitUntil: 'networkidle' });
      await context.close();
      return reads;
    };
    const summary = (reads: Awaited<ReturnType<typeof visit>>) => reads.map((r) => `${r.operation} ${r.method} ${r.cache}`).join(', ');
    const firstVisit = await visit();
    const secondVisit = await visit();
    // Slot reads are GETs too, but the server never keeps them (they change with every booking).
    const catalogReads = secondVisit.filter((r) => r.operation !== 'AvailableSlots');
    const hits = catalogReads.filter((r) => r.cache === 'HIT').length;

    // 3. Navigation → first service card, cold (new visitor) and warm (scripts cached).
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c = await browser.newContext();
      cold.push(await firstCardMs(await c.newPage(), `${url}/search?q=plumbing`));
      await c.close();
    }
    const warmPage = await (await browser.newContext()).newPage();
    await firstCardMs(warmPage, `${url}/search?q=cleaning`);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await firstCardMs(warmPage, `${url}/search?q=${['plumbing', 'cleaning', 'tutor'][i % 3]}`));

    console.log(
      `first load: ${scripts.length} scripts, ${gzipKb.toFixed(1)} KB JS gzip (budget ${BUDGET_KB} KB), ${sentKb.toFixed(1)} KB as sent (brotli)`,
    );
    for (const s of scripts.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.url}`);
    console.log(`catalog reads, first visitor: ${summary(firstVisit)}`);
    console.log(`catalog reads, second visitor: ${summary(secondVisit)}`);
    console.log(`  → ${hits} of ${catalogReads.length} catalog reads (availableSlots aside) answered by the response cache`);
    console.log(
      `navigation → first service card: cold median ${median(cold).toFixed(0)} ms (${cold.map((x) => x.toFixed(0)).join(', ')}), warm median ${median(warm).toFixed(0)} ms`,
    );
    console.log(
      `load average while measuring: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')} on ${cpus().length} cores`,
    );
    process.exitCode = gzipKb <= BUDGET_KB && hits === catalogReads.length ? 0 : 1;
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

void main();
