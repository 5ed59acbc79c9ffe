// Tells live streams, on every instance, that someone's standing changed (a session
// revoked or logged out, an account suspended, a role changed), so an open subscription
// re-checks at once instead of at its next delivery. Over pub/sub: Redis across instances.
import type { Logger } from '../../infra/logger';
import type { AppPubSub, PrincipalChange } from '../../infra/pubsub';
import type { Viewer } from './viewer';

export class PrincipalWatch {
  private readonly listeners = new Set<(change: PrincipalChange) => void>();
  private stream: AsyncIterator<PrincipalChange> | null = null;

  constructor(
    private readonly pubsub: AppPubSub,
    /** Channels are per deployment: apps sharing a Redis must not hear each other. */
    private readonly deployment: string,
    private readonly log: Logger,
  ) {}

  announce(change: PrincipalChange): void {
    this.pubsub.publish('principal-changed', this.deployment, change);
  }

  /** Calls `onChange` whenever something about this viewer may have changed; returns the unwatch. */
  watch(viewer: Viewer, onChange: () => void): () => void {
    const listener = (change: PrincipalChange) => {
      if (change.userId === viewer.userId || (viewer.sessionId && change.sessionIds.includes(viewer.sessionId))) onChange();
    };
    this.listeners.add(listener);
    this.listen();
    return () => this.listeners.delete(listener);
  }

  /** Subscribes on the first watcher, not at boot: a Redis subscriber must not race its own connection. */
  private listen(): void {
    if (this.stream) return;
    const stream = this.pubsub.subscribe('principal-changed', this.deployment)[Symbol.asyncIterator]();
    this.stream = stream;
    void (async () => {
      for (let next = await stream.next(); !next.done; next = await stream.next()) {
        for (const listener of this.listeners) listener(next.value);
      }
    })().catch((err) => this.log.error({ err }, 'principal watch stopped'));
  }

  async stop(): Promise<void> {
    await this.stream?.return?.();
    this.stream = null;
  }
}
