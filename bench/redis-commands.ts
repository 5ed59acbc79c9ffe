// Counting the Redis commands a piece of work sends, exactly: a MONITOR connection watches
// the app's one command connection (by its client address, so other engineers' tests on
// the same Redis do not count) and an ECHO through that connection marks the end. The
// breaker's PING heartbeat is left out; background jobs can only add to a count, so the
// fewest over a few tries is the work's own.
import { randomBytes } from 'node:crypto';
import type { App } from '../server/src/app';
import { testRedisUrl } from '../server/test/support/databases';
import { monitorRedis } from '../server/test/support/redis-monitor';

export interface RedisCount {
  commands: number;
  /** The commands of the try that counted, by name (e.g. "get ×2, mget"). */
  names: string;
}

export async function redisCommandsOf(
  app: App,
  work: () => Promise<unknown>,
  before: () => Promise<unknown> = async () => undefined,
  tries = 3,
): Promise<RedisCount> {
  const client = app.infra.redis?.client;
  if (!client) throw new Error('the app has no Redis');
  const info = String(await client.call('CLIENT', 'INFO'));
  const address = /\baddr=(\S+)/.exec(info)?.[1];
  if (!address) throw new Error(`CLIENT INFO said: ${info}`);
  let seen: string[] = [];
  let marked: (() => void) | undefined;
  let mark = '';
  const monitor = await monitorRedis(testRedisUrl, ({ source, name, args }) => {
    if (source !== address) return;
    if (name === 'echo' && args[0] === mark) return marked?.();
    if (name !== 'ping') seen.push(name);
  });
  let fewest: RedisCount = { commands: Infinity, names: '' };
  try {
    // Everything sent before the mark has been seen once the mark is.
    const flush = () =>
      new Promise<void>((resolve) => {
        mark = `bench-mark-${randomBytes(4).toString('hex')}`;
        marked = resolve;
        void client.echo(mark);
      });
    for (let i = 0; i < tries; i++) {
      await before();
      await flush();
      seen = [];
      await work();
      await flush();
      if (seen.length < fewest.commands) fewest = { commands: seen.length, names: countNames(seen) };
    }
  } finally {
    monitor.stop();
  }
  return fewest;
}

function countNames(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(', ');
}
