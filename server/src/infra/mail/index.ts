// SMTP via nodemailer when SMTP_URL is set; otherwise the embedded outbox-only mailer.
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { Mailer } from './mailer';
import { createOutboxMailer } from './outbox-mailer';
import { createSmtpMailer } from './smtp-mailer';

export type { Mailer, OutgoingMail, SendResult } from './mailer';

export function openMailer(config: Config, log: Logger): Mailer {
  return config.mail.smtpUrl ? createSmtpMailer({ url: config.mail.smtpUrl, from: config.mail.from }) : createOutboxMailer(log);
}
