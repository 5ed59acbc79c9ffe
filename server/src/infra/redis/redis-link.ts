// Redis is optional at run time: one command connection shared by cache, rate limits and
// pub/sub, behind a circuit breaker. A failed command (refused, reset, or timed out on a
// hung server) or a missed heartbeat opens the breaker; while open, callers take their
// fallback at once instead of paying a timeout each, and the PING heartbeat (every second,
// also while healthy, so a hang is seen without traffic) closes it when Redis answers.
// Written here rather than taken from a breaker library: the probe is a PING of our own,
// not a caller's request let through half-open.
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

export type RedisState = 'up' | 'degraded';

const COMMAND_TIMEOUT_MS = 500;
const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 1000;

export class RedisLink {
  readonly client: Redis;
  private readonly subscribers: Redis[] = [];
  private broken = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
    });
    this.client.on('error', (err: Error) => this.trip(err));
    this.client.on('close', () => this.trip(new Error('connection closed')));
    this.client.on('ready', () => this.heal());
    this.heartbeat = setInterval(() => void this.probe(), PROBE_EVERY_MS).unref();
  }

  /** Up: connected and answering. Degraded: callers fall back (database, in-process). */
  get state(): RedisState {
    return this.available ? 'up' : 'degraded';
  }

  get available(): boolean {
    return !this.broken && this.client.status === 'ready';
  }

  /** Runs a command, or returns `fallback` without trying while Redis is known to be away. */
  async run<T>(fallback: T, command: (redis: Redis) => Promise<T>): Promise<T> {
    const result = await this.attempt(command);
    return result.ok ? result.value : fallback;
  }

  /** Like run, but says whether Redis answered (for callers with a fallback of their own). */
  async attempt<T>(command: (redis: Redis) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!this.available) return { ok: false };
    try {
      return { ok: true, value: await command(this.client) };
    } catch (err) {
      this.trip(err as Error);
      return { ok: false };
    }
  }

  /** A connection for SUBSCRIBE: it waits for Redis however long it is away and resubscribes. */
  subscriber(): Redis {
    const sub = this.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    sub.on('error', () => undefined); // the command connection's breaker reports the outage
    this.subscribers.push(sub);
    return sub;
  }

  /** Counts a failure seen elsewhere (e.g. a PUBLISH that timed out). */
  trip(err: Error): void {
    if (!this.broken) this.log.warn({ err: err.message }, 'Redis unavailable: falling back to the database and in-process limits');
    this.broken = true;
  }

  disconnect(): void {
    clearInterval(this.heartbeat);
    for (const sub of this.subscribers) sub.disconnect();
    this.client.disconnect();
  }

  private heal(): void {
    if (this.broken) this.log.info('Redis reachable again');
    this.broken = false;
  }

  private async probe(): Promise<void> {
    if (this.client.status !== 'ready') return; // ioredis is reconnecting; 'ready' heals
    const answered = await Promise.race([
      this.client.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref()),
    ]);
    if (answered) this.heal();
    else this.trip(new Error(`no answer to PING within ${PROBE_TIMEOUT_MS} ms`));
  }
}

/** Resolves once the connection is ready, or after the timeout (the app starts degraded then). */
export async function redisReady(link: RedisLink, timeoutMs = 3000): Promise<boolean> {
  if (link.client.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    link.client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
