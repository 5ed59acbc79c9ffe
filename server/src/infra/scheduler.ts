// Periodic jobs (expiry sweeps, reconciliation, the change-feed safety net). A run never
// overlaps the previous one of the same job; stop() waits for runs in progress.
import type { Logger } from './logger';

export interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  start(job: Job): void {
    let busy = false;
    const tick = () => {
      if (busy || this.stopped) return;
      busy = true;
      const run = job
        .run()
        .catch((err) => this.log.error({ err, job: job.name }, 'scheduled job failed'))
        .finally(() => {
          busy = false;
          this.running.delete(run);
        });
      this.running.add(run);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.running]);
  }
}
