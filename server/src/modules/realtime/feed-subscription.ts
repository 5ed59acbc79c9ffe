// One subscriber's stream: what it missed (from the table, after afterEventId), then live
// changes, in position order, without gaps or repeats.
//
// The live listener is attached first and buffers; then the table is read; then the
// buffer is drained, skipping every position at or below the last one taken. A change
// stamped before the read is in the read; one stamped after it arrives live; one in
// both is taken once. A subscriber that falls too far behind (a slow client, a burst)
// drops its buffer and reads the table again from its last position: the table is the
// mailbox, the live changes only ring.
import { DomainError } from '../../domain-error';
import type { ChangeFeed, FeedFilter } from '../../infra/change-feed';
import { matches } from '../../infra/change-feed';
import type { PublishedChange } from '../../infra/pubsub';

export interface FeedSubscriptionSpec<T> {
  filter: FeedFilter;
  /** Resume after this position (afterEventId); null: from now on. */
  after: bigint | null;
  /** Turns a chunk of changes into what the client receives, batching any lookups; may drop some. */
  project(changes: PublishedChange[]): Promise<T[]>;
  /** A read or lookup failed; the stream retries from the table after a pause. */
  onError(err: unknown): void;
  /** The subscriber's standing: a revoked session, suspension or lost role ends the stream. */
  standing?: Standing;
}

export interface Standing {
  /** Why the subscriber may no longer receive; null while it may. */
  refusal(): Promise<DomainError | null>;
  /** Calls `onChange` when the subscriber's session or account changed; returns the unwatch. */
  watch(onChange: () => void): () => void;
}

/** The last item of a stream that ends for a reason the client should see (see `deliver`). */
export const STREAM_ERROR = Symbol('realtime.streamError');
export interface StreamError {
  [STREAM_ERROR]: DomainError;
}

const PAGE = 200;
const MAX_BUFFER = 1000;
const RETRY_MS = 1000;

export class FeedSubscription<T> implements AsyncIterableIterator<T> {
  private cursor: bigint;
  private catchingUp: boolean;
  private buffer: PublishedChange[] = [];
  private ready: T[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private readonly detach: () => void;
  private readonly unwatch: () => void;
  /** Check the subscriber's standing before the next delivery (set per chunk and on a change signal). */
  private recheck = true;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly spec: FeedSubscriptionSpec<T>,
  ) {
    this.detach = feed.attach((change) => this.onLive(change));
    this.unwatch = spec.standing?.watch(() => ((this.recheck = true), this.ring())) ?? (() => undefined);
    this.cursor = spec.after ?? feed.head();
    this.catchingUp = spec.after !== null;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.closed) {
      const refusal = this.recheck ? await this.refusal() : null;
      if (refusal) {
        // Delivered as the stream's last item: the field resolver raises it, so the client
        // gets an ordinary GraphQL error with its code, then the stream completes.
        this.close();
        const ending: StreamError = { [STREAM_ERROR]: refusal };
        return { value: ending as T, done: false };
      }
      const value = this.ready.shift();
      if (value !== undefined) return { value, done: false };
      const resumeFrom = this.cursor;
      try {
        const chunk = this.catchingUp ? await this.readTable() : this.takeBuffer();
        if (chunk.length) this.ready.push(...(await this.spec.project(chunk)));
        if (this.ready.length)
          this.recheck = true; // standing is checked once per delivered chunk
        else if (!this.catchingUp && !this.buffer.length) await new Promise<void>((resolve) => (this.wake = resolve));
      } catch (err) {
        // A database hiccup must not end the subscription: pause, then read what was not sent.
        this.spec.onError(err);
        this.cursor = resumeFrom;
        this.catchingUp = true;
        await new Promise<void>((resolve) => setTimeout((this.wake = resolve), RETRY_MS).unref());
      }
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    throw error;
  }

  private async refusal(): Promise<DomainError | null> {
    this.recheck = false;
    // A failed check is a hiccup, not a revocation: the next chunk or signal checks again.
    return (await this.spec.standing?.refusal().catch(() => null)) ?? null;
  }

  private close(): void {
    this.closed = true;
    this.detach();
    this.unwatch();
    this.buffer = [];
    this.ready = [];
    this.ring();
  }

  private onLive(change: PublishedChange): void {
    if (!matches(this.spec.filter, change)) return;
    if (this.buffer.length >= MAX_BUFFER) {
      this.buffer = [];
      this.catchingUp = true;
    } else {
      this.buffer.push(change);
    }
    this.ring();
  }

  private ring(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async readTable(): Promise<PublishedChange[]> {
    const rows = await this.feed.read({ after: this.cursor, filter: this.spec.filter, limit: PAGE });
    if (rows.length < PAGE) this.catchingUp = false;
    return this.advance(rows);
  }

  private takeBuffer(): PublishedChange[] {
    const taken = this.buffer;
    this.buffer = [];
    return this.advance(taken);
  }

  /** Keeps the changes after the cursor, in order, and moves the cursor past them. */
  private advance(changes: PublishedChange[]): PublishedChange[] {
    const fresh: PublishedChange[] = [];
    for (const change of changes) {
      const at = BigInt(change.position);
      if (at <= this.cursor) continue;
      this.cursor = at;
      fresh.push(change);
    }
    return fresh;
  }
}
