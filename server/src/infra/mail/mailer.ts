// The mail port. The email outbox sees only this; whether an SMTP server or the embedded
// outbox "delivers" is decided by configuration (SMTP_URL) in index.ts.

/** One message as the outbox stored it. messageId is the stable RFC 5322 Message-ID, brackets included. */
export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  /** Already escaped markup (see modules/email/email-html.ts), or null for text-only mail. */
  html: string | null;
  /** When the message was first written; sent as the Date header, so a resend is byte-alike. */
  date: Date;
}

/**
 * Every call resolves, never rejects. `permanent` says whether trying again cannot help
 * (the server refused the recipient or the message with a 5xx) or may (connection
 * refused, timeout, 4xx "try later").
 */
export type SendResult = { ok: true } | { ok: false; reason: string; permanent: boolean };

export interface Mailer {
  /** 'smtp': handed to an SMTP server; 'outbox': kept in the outbox table only (the embedded default). */
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}
