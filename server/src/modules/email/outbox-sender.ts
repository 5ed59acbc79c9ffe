// Delivers due PENDING messages, at least once, from any number of instances at a time.
//
// Steps, per batch:
//   1. claim: one UPDATE over rows picked with FOR UPDATE SKIP LOCKED counts the attempt
//      and pushes next_attempt_at out by a lease, then commits. A concurrent sender skips
//      the locked rows and, after the commit, finds them not due: each claim is one
//      sender's. No transaction stays open while SMTP talks.
//   2. send each with its stored Message-ID (in parallel: a batch costs one slow send).
//   3. record: SENT; or FAILED (permanent refusal, or the last attempt); or PENDING again
//      with next_attempt_at = now + base · 2^(attempts-1), capped. The update is fenced by
//      the claimed attempt number, so a sender that outlived its lease cannot undo a newer
//      claim.
// A crash between 1 and 3 leaves the row PENDING until the lease ends; then it is sent
// again with the same Message-ID (at least once).
//   base 30 s, 8 attempts: tries at 0, 30 s, 1 m, 2 m, 4 m, 8 m, 16 m, 32 m → FAILED (~1 h).
import type { Db } from '../../infra/database';
import type { Logger } from '../../infra/logger';
import type { Mailer } from '../../infra/mail';
import type { Job } from '../../infra/scheduler';

const BATCH = 10;
const MAX_BATCHES_PER_RUN = 20;
// Far beyond one send's worst case (SMTP timeouts: 10 s connect + 10 s greeting + 30 s idle).
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface SenderPolicy {
  maxAttempts: number;
  retryBaseSeconds: number;
  sendEverySeconds: number;
}

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  message_id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
  created_at: Date;
}

/** The wait before the next try after `attempts` tries: base · 2^(attempts-1), at most 6 h. */
export function backoffMs(attempts: number, baseSeconds: number): number {
  return Math.min(MAX_BACKOFF_MS, baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}

export class OutboxSender {
  constructor(
    private readonly prisma: Db,
    private readonly mailer: Mailer,
    private readonly policy: SenderPolicy,
    private readonly log: Logger,
  ) {}

  /** Sends what is due at `now`, batch by batch, until nothing is due (or the run's budget is spent). */
  async sendDue(now: Date = new Date()): Promise<SendReport> {
    const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batch = await this.claim(now);
      if (!batch.length) break;
      const outcomes = await Promise.all(batch.map((m) => this.deliver(m, now)));
      for (const o of outcomes) report[o]++;
    }
    return report;
  }

  job(): Job {
    return { name: 'email.send-due', everyMs: this.policy.sendEverySeconds * 1000, run: () => this.sendDue() };
  }

  private claim(now: Date): Promise<Claimed[]> {
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    return this.prisma.$queryRaw<Claimed[]>`
      WITH due AS (
        SELECT id FROM email_message
        WHERE status = 'PENDING' AND next_attempt_at <= ${now}::timestamptz
        ORDER BY next_attempt_at, id
        LIMIT ${BATCH}::int
        FOR UPDATE SKIP LOCKED)
      UPDATE email_message e SET attempts = e.attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
      FROM due WHERE e.id = due.id
      RETURNING e.id::text AS id, e.message_id, e.to_address, e.subject, e.text, e.html, e.attempts, e.created_at`;
  }

  private async deliver(m: Claimed, now: Date): Promise<keyof SendReport> {
    const result = await this.mailer.send({
      messageId: m.message_id,
      to: m.to_address,
      subject: m.subject,
      text: m.text,
      html: m.html,
      date: m.created_at,
    });
    const fence = { id: m.id, status: 'PENDING' as const, attempts: m.attempts };
    if (result.ok) {
      await this.prisma.emailMessage.updateMany({ where: fence, data: { status: 'SENT', sentAt: new Date(), lastError: null } });
      return 'sent';
    }
    if (result.permanent || m.attempts >= this.policy.maxAttempts) {
      await this.prisma.emailMessage.updateMany({ where: fence, data: { status: 'FAILED', lastError: result.reason } });
      this.log.error({ messageId: m.message_id, attempts: m.attempts, reason: result.reason }, 'email failed; giving up');
      return 'failed';
    }
    const nextAttemptAt = new Date(now.getTime() + backoffMs(m.attempts, this.policy.retryBaseSeconds));
    await this.prisma.emailMessage.updateMany({ where: fence, data: { lastError: result.reason, nextAttemptAt } });
    this.log.warn({ messageId: m.message_id, attempts: m.attempts, nextAttemptAt, reason: result.reason }, 'email not sent; will retry');
    return 'retrying';
  }
}
