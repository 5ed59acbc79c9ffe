// The stamper: on each doorbell, and every tick as a safety net, the leading instance gives
// finished events their positions (feed-sql.ts) and publishes them in position order.
// Doorbells that ring while a run is in progress fold into one more run after it.
import type { Logger } from '../logger';
import type { PublishedChange } from '../pubsub';
import { readChanges, stampFinished } from './feed-sql';
import type { LeaderLock } from './leader-lock';

// After the lease's end by the database's clock, so the attempt does not come a moment too soon.
const LAPSE_MARGIN_MS = 20;

export interface StamperOptions {
  lock: LeaderLock;
  /** Publishes one stamped batch, in position order. */
  publish: (batch: PublishedChange[]) => void;
  log: Logger;
  /** Events stamped per statement; a longer backlog takes several. */
  batchSize?: number;
  /**
   * On taking over, the last events stamped are published again: the previous stamper may
   * have died between stamping and publishing. Subscribers drop what they already have.
   */
  republishOnTakeover?: number;
}

export interface StamperStats {
  stamped: number;
  runs: number;
}

export class Stamper {
  private run: Promise<void> | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** A claim due when the holder's lease lapses, sooner than the next tick may come. */
  private retry: { at: number; timer: NodeJS.Timeout } | null = null;
  readonly stats: StamperStats = { stamped: 0, runs: 0 };

  constructor(private readonly options: StamperOptions) {}

  get leading(): boolean {
    return this.options.lock.leading;
  }

  /** The doorbell: stamp now, or once more after the run in progress. */
  ring(): void {
    if (this.stopped || !this.options.lock.leading) return;
    if (this.run) {
      this.again = true;
      return;
    }
    this.run = this.stampAll()
      .catch((err: unknown) => this.options.log.error({ err }, 'change feed: stamping failed'))
      .finally(() => (this.run = null));
  }

  /** The safety net, every tick: take the lead if it is free, then stamp whatever is ready. */
  tick(): Promise<void> {
    // One tick at a time (the start's own and the scheduler's may meet): one lock session.
    this.ticking ??= this.claimAndStamp().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async claimAndStamp(): Promise<void> {
    if (this.stopped) return;
    const claim = await this.options.lock.claim();
    if (claim === 'following') return this.retryWhenLapsed();
    if (claim === 'acquired') await this.republishTail();
    this.ring();
    await this.settled();
  }

  /** Resolves once no run is in progress (graceful stop, tests). */
  async settled(): Promise<void> {
    while (this.run) await this.run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry.timer);
    await this.settled();
  }

  /** A frozen leader's lease lapses between ticks: claim at that moment (one timer, the earliest). */
  private retryWhenLapsed(): void {
    const lapsesIn = this.options.lock.lapsesInMs;
    if (this.stopped || lapsesIn === null) return;
    const at = Date.now() + lapsesIn + LAPSE_MARGIN_MS;
    if (this.retry && this.retry.at <= at) return;
    if (this.retry) clearTimeout(this.retry.timer);
    const timer = setTimeout(() => {
      this.retry = null;
      this.tick().catch((err: unknown) => this.options.log.error({ err }, 'change feed: taking the lead failed'));
    }, at - Date.now()).unref();
    this.retry = { at, timer };
  }

  private async stampAll(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    for (;;) {
      this.again = false;
      this.stats.runs++;
      const stamped = await stampFinished(this.options.lock.sql, limit, this.options.lock.fence());
      // A stamper that lost its lease while stamping publishes nothing: the taker republishes its tail.
      if (stamped.length && this.options.lock.leading) this.options.publish(stamped);
      this.stats.stamped += stamped.length;
      if (this.stopped || !this.options.lock.leading) return;
      if (stamped.length < limit && !this.again) return;
    }
  }

  private async republishTail(): Promise<void> {
    const count = this.options.republishOnTakeover ?? 500;
    const [top] = await this.options.lock.sql.query<{ position: string }>(
      'SELECT coalesce(max(position), 0)::text AS position FROM change_event',
    );
    const after = BigInt(top?.position ?? '0') - BigInt(count);
    const tail = await readChanges(this.options.lock.sql, { after: after > 0n ? after : 0n, limit: count });
    if (tail.length && this.options.lock.leading) this.options.publish(tail);
  }
}
