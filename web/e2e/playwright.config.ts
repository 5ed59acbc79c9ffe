// Browser tests against the app started as the README starts it (`npm start`), on a fresh
// data directory (embedded PGlite, seeded demo). Debian's Chromium, never a downloaded one.
// Rate limits are off: the suite signs in many times from 127.0.0.1 within minutes. Run it
// without DATABASE_URL / REDIS_URL in the environment (.ci/run unsets them) to get the embedded default.
// PUBLIC_URL is localhost while the browser uses 127.0.0.1: the gateway must bring the customer back.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Workers load this file again: they inherit the directory and port the runner chose.
process.env.HOMESER_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'homeser-e2e-'));
process.env.HOMESER_E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
const port = process.env.HOMESER_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.HOMESER_E2E_REPORT ?? join(tmpdir(), 'homeser-e2e-report.json') }]],
  // Under the run's own directory, so two runs at once never clobber each other's traces.
  outputDir: join(process.env.HOMESER_E2E_DATA_DIR, 'results'),
  use: {
    baseURL,
    timezoneId: 'Asia/Dhaka',
    locale: 'en-GB',
    // No transitions (the theme respects it): a dropdown still fading in cannot swallow a click.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    command: 'npm start',
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
    url: `${baseURL}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: port,
      DATA_DIR: process.env.HOMESER_E2E_DATA_DIR,
      PUBLIC_URL: `http://localhost:${port}`,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    },
  },
});
