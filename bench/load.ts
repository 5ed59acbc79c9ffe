// Load runs for the benchmarks: each one forks bench/load-client.ts (autocannon in a process
// of its own), warms up unrecorded for a moment, then measures. Also the machine's load
// average at the time, which every figure is reported with.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 2);

/** Request i of a run where every request differs: a booking of a slot no one asked for, or a slot window not yet computed. */
export type Sequence = { from: number; query: string } & (
  | { kind: 'booking'; serviceIds: string[]; tokens: string[]; firstStart: number; stepMs: number }
  | { kind: 'slotWindow'; serviceId: string; firstFrom: number; stepMs: number; windowMs: number }
);

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  sequence?: Sequence;
}

/** What to send, without how hard or how long. */
export type RequestSpec = Omit<LoadSpec, 'connections' | 'seconds'>;

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx, socket errors, timeouts and answers carrying GraphQL errors. */
  failed: number;
  /** How many requests of the sequence were made (the next run starts after them). */
  made: number;
  /** The 1-minute load average when the run started. */
  load?: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const load = Number(loadavg()[0]!.toFixed(1));
  const child = fork(join(__dirname, 'load-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { result?: LoadResult; error?: string }) =>
      m.result ? resolve({ ...m.result, load }) : reject(new Error(`load client: ${m.error}`)),
    );
    child.once('exit', (code) => code && reject(new Error(`load client exited with ${code}`)));
    child.send(spec);
  });
}

/**
 * A short unrecorded run first (JIT, pools, caches), then the measured one. A sequence
 * carries on where the warm-up stopped, so no request repeats an earlier one.
 */
export async function measure(spec: Omit<LoadSpec, 'seconds'>): Promise<LoadResult> {
  const warm = await runLoad({ ...spec, seconds: WARM_SECONDS });
  const sequence = spec.sequence && { ...spec.sequence, from: spec.sequence.from + warm.made };
  const result = await runLoad({ ...spec, seconds: SECONDS, sequence });
  return { ...result, made: warm.made + result.made };
}

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

/**
 * ROUNDS rounds of: the baseline, then HomeSer's path, back to back, so each ratio compares
 * two runs taken under the same load. A sequence carries on across rounds.
 */
export async function sideBySide(
  subject: Omit<LoadSpec, 'seconds'>,
  baseline: (() => Promise<Figures>) | null,
): Promise<{ subject: LoadResult; baseline: Figures | null }[]> {
  const rounds = [];
  let from = subject.sequence?.from ?? 0;
  for (let round = 0; round < ROUNDS; round++) {
    const base = baseline && (await baseline());
    const result = await measure({ ...subject, ...(subject.sequence && { sequence: { ...subject.sequence, from } }) });
    from += result.made;
    console.error(
      `  round ${round + 1}: ${result.rps}/s p50 ${result.p50} p99 ${result.p99} ms${result.failed ? ` (${result.failed} failed)` : ''}` +
        (base ? ` | baseline ${base.rps}/s → ${Math.round((result.rps / base.rps) * 100)}%` : '') +
        ` | load ${result.load}`,
    );
    rounds.push({ subject: result, baseline: base });
  }
  return rounds;
}
