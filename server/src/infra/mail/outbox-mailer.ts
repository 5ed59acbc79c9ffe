// The embedded default (no SMTP_URL): the outbox table is the mailbox. "Sending" records
// the delivery in the log and succeeds, so the row becomes SENT and admins read it in the
// `emails` query. Marking SENT rather than leaving rows PENDING keeps PENDING meaning
// "still to go", and setting SMTP_URL later does not flood real inboxes with old mail.
import type { Logger } from '../logger';
import type { Mailer } from './mailer';

export function createOutboxMailer(log: Logger): Mailer {
  return {
    kind: 'outbox',
    async send(mail) {
      log.debug({ messageId: mail.messageId, subject: mail.subject }, 'email kept in the outbox (no SMTP_URL)');
      return { ok: true };
    },
    async close() {},
  };
}
