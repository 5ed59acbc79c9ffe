// PostgreSQL and Redis servers of the fault suite's own, on spare ports, so they can be
// killed, frozen and restarted on purpose. The machine's servers (5432, 6379) are never touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A port nothing listens on right now. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PostgreSQL refuses to run as root: as root, its files and processes belong to `postgres`.
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? (['runuser', ['-u', 'postgres', '--', command, ...args]] as const) : ([command, args] as const);

export interface OwnPostgres {
  url: string;
  port: number;
  /** Fast shutdown and start again: every connection is cut. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'homeser-faults-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const port = await sparePort();
  const run = (tool: string, args: string[]) => {
    const [command, argv] = asPostgres(join(PG_BIN, tool), args);
    execFileSync(command, argv, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', ...args]);
  const start = async () => pgCtl('-o', options, 'start');
  await start();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    url,
    port,
    restart: async () => pgCtl('-m', 'fast', '-o', options, 'restart'),
    stop: async () => pgCtl('-m', 'fast', 'stop'),
    start,
    query,
    async close() {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: the server is gone, connections reset. */
  kill(): Promise<void>;
  /** SIGSTOP: the server hangs with its sockets open. */
  freeze(): void;
  thaw(): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A Redis server on a spare port, not yet started (so a test can start the app without it). */
export async function ownRedis(port?: number): Promise<OwnRedis> {
  const at = port ?? (await sparePort());
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(at), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await isListening(at)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on ${at}`);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await gone;
  };
  return {
    url: `redis://127.0.0.1:${at}`,
    kill,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    start,
    close: kill,
  };
}

async function isListening(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const uidOf = (user: string) => Number(execFileSync('id', ['-u', user]).toString().trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user]).toString().trim());

/** A PostgreSQL (and, unless `redis: false`, a running Redis) for the test file, torn down after it. */
export function useOwnServers(opts: { redis?: boolean } = {}): { postgres: OwnPostgres; redis: OwnRedis } {
  const servers = {} as { postgres: OwnPostgres; redis: OwnRedis };
  beforeAll(async () => {
    servers.postgres = await startOwnPostgres();
    if (opts.redis === false) return;
    servers.redis = await ownRedis();
    await servers.redis.start();
  });
  afterAll(async () => {
    await servers.redis?.close();
    await servers.postgres?.close();
  });
  return servers;
}
