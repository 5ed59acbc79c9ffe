// How long `npm start` takes to be ready, and what the server process costs: starts the
// embedded default (fresh data folder, so the first start also seeds) a few times and
// reports wall time to /readyz 200 plus the server's CPU time and peak memory (from /proc).
//   npm run bench:start            # BENCH_STARTS (default 3) starts of `npm start`
// Wall time depends on the machine's load; CPU time much less. Figures in bench/README.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const starts = Number(process.env.BENCH_STARTS ?? 3);
const dataDir = mkdtempSync(join(tmpdir(), 'homeser-bench-start-'));

/** CPU seconds and peak RSS (MiB) of the server's node process, found below npm in the process tree. */
function serverCost(rootPid: number): { cpu: number; rssMiB: number } | null {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all: number[] = [];
  const walk = (pid: number) => (all.push(pid), children(pid).forEach(walk));
  walk(rootPid);
  const server = all.find((pid) => {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /node$/.test(argv[0]!) && argv.some((a) => /server\/dist\/(server|main)\.js$/.test(a));
  });
  if (!server) return null;
  const fields = readFileSync(`/proc/${server}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
  const peak = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server}/status`, 'utf8'))?.[1];
  return { cpu: ticks / 100, rssMiB: Math.round(Number(peak) / 1024) };
}

async function once(n: number): Promise<void> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: 'ignore', detached: true });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wall = (performance.now() - started) / 1000;
  const cost = serverCost(child.pid!);
  console.log(
    `start ${n}: ready in ${wall.toFixed(2)} s` +
      (cost ? ` (server: ${cost.cpu.toFixed(2)} s CPU, peak ${cost.rssMiB} MiB)` : '') +
      (n === 1 ? ' — first start: seeds the demo data' : ''),
  );
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.on('exit', r));
}

async function main() {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average before: ${load}`);
  for (let n = 1; n <= starts; n++) await once(n);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
