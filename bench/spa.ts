// The customer's SPA budgets, measured in Debian's Chromium against the app as `npm start`
// serves it (embedded default, seeded demo, fresh data folder): JavaScript a first visit
// downloads (gzip and what was really sent), whether repeat catalog reads come from the
// response cache (x-cache: HIT), and the time from navigation to the first service card.
//   npm run bench:spa        (BENCH_URL=http://127.0.0.1:4000 measures a running app instead)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright';

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
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // 1. First visit to the home page: every script it loads, gzip-compressed and as sent.
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: { url: string; gzip: number; sent: number }[] = [];
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => null);
      const sizes = await res
        .request()
        .sizes()
        .catch(() => null);
      if (body) scripts.push({ url: new URL(res.url()).pathname, gzip: gzipSync(body).length, sent: sizes?.responseBodySize ?? 0 });
    });
    await page.goto(`${url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('article').first().waitFor();
    const gzipKb = scripts.reduce((n, s) => n + s.gzip, 0) / 1024;
    const sentKb = scripts.reduce((n, s) => n + s.sent, 0) / 1024;

    // 2. Catalog reads again (another visitor, same pages): answered by the response cache?
    const caches: string[] = [];
    const second = await (await browser.newContext()).newPage();
    second.on('response', (res) => {
      if (res.url().includes('/graphql?'))
        caches.push(`${new URL(res.url()).searchParams.get('operationName')}: ${res.headers()['x-cache'] ?? 'none'}`);
    });
    await second.goto(`${url}/`, { waitUntil: 'networkidle' });
    await second.goto(`${url}/search?q=plumbing`, { waitUntil: 'networkidle' });
    await second.goto(`${url}/search?q=plumbing`, { waitUntil: 'networkidle' });

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
    console.log(`repeat catalog reads (second visitor): ${caches.join(', ')}`);
    console.log(
      `navigation → first service card: cold median ${median(cold).toFixed(0)} ms (${cold.map((x) => x.toFixed(0)).join(', ')}), warm median ${median(warm).toFixed(0)} ms`,
    );
    process.exitCode = gzipKb <= BUDGET_KB ? 0 : 1;
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

void main();
