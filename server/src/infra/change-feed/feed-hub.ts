// One per instance: receives the published changes once (pub/sub, Redis across instances)
// and hands them, in position order and each exactly once, to this instance's
// subscriptions. Positions are dense, so a jump (a lost message, a stamper that died
// before publishing) is seen at once and filled from the table, the mailbox.
import type { Logger } from '../logger';
import type { PublishedChange } from '../pubsub';
import { feedBounds, readChanges, type SqlRunner } from './feed-sql';

export type FeedListener = (change: PublishedChange) => void;

const FILL_PAGE = 1000;

export class FeedHub {
  private readonly listeners = new Set<FeedListener>();
  /** The instance's own caches: told before any subscription, and not counted as subscribers. */
  private readonly watchers = new Set<FeedListener>();
  private position = 0n;
  private source: AsyncIterator<PublishedChange[]> | null = null;
  private loop: Promise<void> | null = null;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly subscribe: () => AsyncIterableIterator<PublishedChange[]>,
    private readonly sql: SqlRunner,
    private readonly log: Logger,
  ) {}

  /** The last position handed out on this instance. */
  get head(): bigint {
    return this.position;
  }

  /** How many subscriptions listen on this instance (readiness, metrics, tests). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Listeners run synchronously, in position order; they must not throw or block. */
  attach(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Like attach, for the instance's own caches: runs before every subscription's listener. */
  watch(watcher: FeedListener): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  async start(): Promise<void> {
    // Listen before reading the head: whatever is published after that read is received.
    const source = this.subscribe();
    this.source = source;
    this.position = (await feedBounds(this.sql)).last;
    this.loop = (async () => {
      for (;;) {
        const next = await source.next();
        if (next.done) return;
        await this.serially(async () => {
          for (const change of next.value) await this.receive(change);
        });
      }
    })();
  }

  /** A batch stamped by this instance, handed over directly (also published; the copy is dropped). */
  offer(batch: PublishedChange[]): void {
    void this.serially(async () => {
      for (const change of batch) await this.receive(change);
    });
  }

  /**
   * The safety net for a pub/sub that lost messages and then went quiet (a Redis outage,
   * a stamper that died before publishing): delivers whatever the table has beyond the head.
   */
  catchUp(): Promise<void> {
    return this.serially(async () => {
      const { last } = await feedBounds(this.sql);
      if (last > this.position) await this.fill(last + 1n);
    });
  }

  async stop(): Promise<void> {
    await this.source?.return?.();
    await this.loop;
    this.listeners.clear();
    this.watchers.clear();
  }

  // Deliveries from pub/sub and from catchUp take turns, so positions go out in order.
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.turn.then(work).catch((err: unknown) => this.log.error({ err }, 'change feed: delivery failed'));
    this.turn = run;
    return run;
  }

  private async receive(change: PublishedChange): Promise<void> {
    const at = BigInt(change.position);
    if (at <= this.position) return; // already handed out (a republish, or filled from the table)
    if (at > this.position + 1n) await this.fill(at);
    if (at > this.position) this.deliver(change);
  }

  /** Reads the positions between the head and `before` that never arrived. */
  private async fill(before: bigint): Promise<void> {
    while (this.position + 1n < before) {
      const missed = await readChanges(this.sql, { after: this.position, before, limit: FILL_PAGE });
      if (!missed.length) {
        // Deleted by retention, or never stamped: nothing to deliver, move on.
        this.log.warn({ from: String(this.position + 1n), to: String(before - 1n) }, 'change feed: positions missing from the table');
        this.position = before - 1n;
        return;
      }
      for (const change of missed) this.deliver(change);
    }
  }

  private deliver(change: PublishedChange): void {
    this.position = BigInt(change.position);
    this.tell(this.watchers, change);
    this.tell(this.listeners, change);
  }

  private tell(listeners: Set<FeedListener>, change: PublishedChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        this.log.error({ err }, 'change feed: a subscription failed on a change');
      }
    }
  }
}
