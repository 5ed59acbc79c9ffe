// SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@host:587 or smtps://host:465).
// Every message carries the outbox's own Message-ID, never one nodemailer makes up, so
// a resend after a crash is recognisably the same message. Short timeouts: the outbox
// retries, and a hung server must not hold a sender past its claim.
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Mailer, SendResult } from './mailer';

const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  // Built directly: createTransport(url) would drop every option but those in the URL.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: options.url,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    }),
  );
  return {
    kind: 'smtp',
    async send(mail): Promise<SendResult> {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html !== null && { html: mail.html }),
          messageId: mail.messageId,
          date: mail.date,
        });
        return { ok: true };
      } catch (err) {
        return failure(err as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
}

// 5xx from the server is a definite "no" (unknown mailbox, rejected content); anything
// else (refused connection, timeout, 4xx) may work later.
function failure(err: SmtpError): SendResult {
  const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
  const reason = [err.code, err.responseCode, err.message].filter((p) => p !== undefined && p !== '').join(' ');
  return { ok: false, reason: reason.slice(0, 500) || 'unknown SMTP error', permanent };
}
