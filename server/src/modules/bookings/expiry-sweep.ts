// Holds that ran out: PENDING_PAYMENT past holdExpiresAt, REQUESTED past answerBy or its
// start. One conditional UPDATE ... RETURNING expires them, so any number of instances
// may sweep at once: PostgreSQL re-checks the WHERE on a row another sweep just changed
// (READ COMMITTED), and each booking expires exactly once. Expiry frees the slot; the
// booking trigger publishes the change.
import type { Db } from '../../infra/database';
import type { Job } from '../../infra/scheduler';
import type { AvailabilityService } from '../availability/availability.service';

export class ExpirySweep {
  constructor(
    private readonly prisma: Db,
    private readonly availability: AvailabilityService,
    private readonly everySeconds: number,
  ) {}

  /** Expires what is overdue at `now`; returns the ids it expired. */
  async expireOverdue(now: Date = new Date()): Promise<string[]> {
    const expired = await this.prisma.$queryRaw<{ id: string; provider_id: string }[]>`
      UPDATE booking SET status = 'EXPIRED', updated_at = now()
      WHERE (status = 'PENDING_PAYMENT' AND hold_expires_at < ${now}::timestamptz)
         OR (status = 'REQUESTED' AND (answer_by < ${now}::timestamptz OR starts_at <= ${now}::timestamptz))
      RETURNING id::text AS id, provider_id::text AS provider_id`;
    if (expired.length) await this.availability.providerChanged(...expired.map((b) => b.provider_id));
    return expired.map((b) => b.id);
  }

  job(): Job {
    return { name: 'bookings.expire-overdue', everyMs: this.everySeconds * 1000, run: () => this.expireOverdue() };
  }
}
