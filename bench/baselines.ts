// Starting the yardsticks of bench/baseline-server.ts in processes of their own, and pgbench.
import { execFile, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '../server/test/support/databases';
import type { BaselineSpec } from './baseline-server';

export interface Baseline {
  url: string;
  stop: () => void;
}

export function startBaseline(spec: BaselineSpec): Promise<Baseline> {
  const child = fork(join(__dirname, 'baseline-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url?: string; error?: string }) =>
      m.url ? resolve({ url: m.url, stop: () => child.kill() }) : reject(new Error(`baseline: ${m.error}`)),
    );
    child.once('exit', (code) => code && reject(new Error(`baseline exited with ${code}`)));
    child.send(spec);
  });
}

const run = promisify(execFile);
const PGBENCH =
  process.env.BENCH_PGBENCH ?? (existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench');

export interface PgbenchDatabase {
  /** TPC-B (pgbench's default script) at `clients` connections for `seconds`: transactions per second and latency percentiles. */
  run: (clients: number, seconds: number) => Promise<{ tps: number; p50: number; p99: number }>;
  drop: () => Promise<void>;
}

/** A database of its own on the PostgreSQL server the app uses, initialised for pgbench at `scale` (100,000 accounts per unit). */
export async function pgbenchDatabase(scale: number): Promise<PgbenchDatabase> {
  const database = await createTestDatabase();
  await run(PGBENCH, ['-i', '-q', '-s', String(scale), database.url]);
  return {
    async run(clients, seconds) {
      const logs = mkdtempSync(join(tmpdir(), 'homeser-pgbench-'));
      try {
        const threads = String(Math.min(clients, 2));
        const { stdout } = await run(PGBENCH, [
          '-n',
          '-c',
          String(clients),
          '-j',
          threads,
          '-T',
          String(seconds),
          '-l',
          `--log-prefix=${join(logs, 'tx')}`,
          database.url,
        ]);
        const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
        if (!Number.isFinite(tps)) throw new Error(`pgbench said: ${stdout}`);
        // Per-transaction log lines: client_id transaction_no latency_us script_no epoch us.
        const latencies = readdirSync(logs)
          .flatMap((f) => readFileSync(join(logs, f), 'utf8').trim().split('\n'))
          .map((line) => Number(line.split(' ')[2]) / 1000)
          .sort((a, b) => a - b);
        const at = (p: number) =>
          Number((latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN).toFixed(1));
        return { tps: Math.round(tps), p50: at(50), p99: at(99) };
      } finally {
        rmSync(logs, { recursive: true, force: true });
      }
    },
    drop: () => database.drop(),
  };
}
