// The app as an operator runs it (`src/main.ts` in a process of its own), so a test can
// freeze, kill or stop it with signals, against the suite's own PostgreSQL and Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sleep, sparePort } from './own-servers';

export interface Readiness {
  status: string;
  database: boolean;
  redis: 'up' | 'degraded' | null;
  feed: { doorbell: 'listening' | 'reconnecting' | 'none'; stamper: 'leading' | 'following' };
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  alive(): boolean;
  readiness(): Promise<{ status: number; body: Readiness } | null>;
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export const JWT_SECRET = 'fault-suite-secret-'.padEnd(48, 'x');

export async function startAppProcess(env: Record<string, string>, opts: { waitReady?: boolean } = {}): Promise<AppProcess> {
  const port = await sparePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET,
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      SEED_DEMO_DATA: 'false',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const echo = process.env.FAULTS_ECHO === '1';
  child.stdout!.on('data', (d) => ((output += d), echo && process.stdout.write(`[${port}] ${d}`)));
  child.stderr!.on('data', (d) => ((output += d), echo && process.stdout.write(`[${port}] ${d}`)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const app: AppProcess = {
    url,
    child,
    exited,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async readiness() {
      try {
        const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
        return { status: res.status, body: (await res.json()) as Readiness };
      } catch {
        return null;
      }
    },
    signal: (signal) => void child.kill(signal),
    async stop() {
      if (!app.alive()) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
  if (opts.waitReady ?? true) {
    const ready = await waitUntil(async () => (await app.readiness())?.status === 200, 60_000);
    if (!ready) {
      await app.stop();
      throw new Error(`the app did not become ready:\n${output.slice(-3000)}`);
    }
  }
  return app;
}

/** Polls every 50 ms; true once `check` holds, false after `ms`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await Promise.resolve(check()).catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/** Milliseconds until `check` holds (polled every 50 ms), or Infinity after `ms`. */
export async function timeUntil(check: () => Promise<boolean> | boolean, ms: number): Promise<number> {
  const started = Date.now();
  return (await waitUntil(check, ms)) ? Date.now() - started : Infinity;
}
