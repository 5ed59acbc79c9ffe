// Email: the outbox other code enqueues into, the sender job that delivers it through the
// Mailer port (SMTP, or the embedded outbox-only default), the admins' `emails` query,
// and email copies of in-app notifications.
import type { Infra } from '../../infra';
import { openMailer } from '../../infra/mail';
import type { ModuleParts } from '../module';
import type { NotificationsService } from '../notifications/notifications.service';
import { EmailOutbox } from './email-outbox';
import { EmailResolver } from './email.resolver';
import { NotificationEmails, type UserDirectory } from './notification-emails';
import { OutboxSender } from './outbox-sender';

export type { NewEmail } from './email-outbox';
export { escapeHtml, htmlFromText } from './email-html';

export const emailResolvers = [EmailResolver] as const;

export function emailModule(infra: Infra, deps: { users: UserDirectory; notifications: NotificationsService }) {
  const { config, prisma, log } = infra;
  const mailer = openMailer(config, log);
  const outbox = new EmailOutbox(prisma, new URL(config.publicUrl).hostname);
  const sender = new OutboxSender(prisma, mailer, config.mail, log);
  const notificationEmails = new NotificationEmails(outbox, deps.users, () => config.webOrigins[0] ?? config.publicUrl, log);
  deps.notifications.onNotify((notes, wanted, contacts) => notificationEmails.prepare(notes, wanted, contacts));
  const parts: ModuleParts = {
    bindings: [[EmailResolver, new EmailResolver(outbox)]],
    jobs: [sender.job()],
    stop: () => mailer.close(),
  };
  return { outbox, sender, mailer, parts };
}
