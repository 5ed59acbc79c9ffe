// In-process domain events between modules (after commit): one module announces what
// happened, another reacts, and neither reads the other's tables. Handlers run after the
// emitter returns; a failing handler is logged, never thrown into the emitter.
import type { Logger } from './logger';

export interface DomainEvents {
  /** A booking was cancelled; refundDue is what the policy gives back (minor units), null when nothing was paid. */
  'booking.cancelled': { bookingId: string; refundDue: number | null; reason: string | null };
  'booking.confirmed': { bookingId: string };
}

type Handler<K extends keyof DomainEvents> = (event: DomainEvents[K]) => Promise<void> | void;

export class DomainEventBus {
  private readonly handlers = new Map<keyof DomainEvents, Handler<never>[]>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof DomainEvents>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<never>]);
  }

  emit<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      const run = Promise.resolve()
        .then(() => (handler as Handler<K>)(event))
        .catch((err) => this.log.error({ err, event: name }, 'domain event handler failed'))
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    }
  }

  /** Waits for handlers in flight (graceful stop, tests). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
