// The email outbox: other code enqueues messages; the sender (outbox-sender.ts) delivers
// them at least once. Each row carries a stable RFC 5322 Message-ID made from its id and
// this server's public host, `<id@host>`, written with the row, so every resend of it is
// recognisably the same message. With a dedupeKey the id itself is derived from the key,
// so enqueueing the same key twice writes one row (ON CONFLICT DO NOTHING).
import { createHash, randomUUID } from 'node:crypto';
import { Prisma, type EmailMessage as EmailRow } from '../../generated/prisma/client';
import type { EmailStatus } from '../../generated/prisma/enums';
import { badInput, DomainError, notFound } from '../../domain-error';
import type { Connection } from '../../shared/paging';
import { keysetConnection } from '../../shared/keyset';
import type { Db } from '../../infra/database';
import { htmlFromText } from './email-html';

export interface NewEmail {
  to: string;
  subject: string;
  text: string;
  /** Trusted markup: escape every user-provided piece (escapeHtml). Default: htmlFromText(text). */
  html?: string | null;
  /** Same key, same message: enqueueing it again changes nothing. */
  dedupeKey?: string | null;
}

/** Prisma's client or an interactive transaction's, so a caller can enqueue inside its own transaction. */
type Writer = Prisma.TransactionClient;

const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/;
/** One plain address (no display name, no list): what enqueue accepts in `to`. */
export const isEmailAddress = (to: string) => ADDRESS.test(to);
const HEADER_BREAK = /[\r\n]/;

/** A UUID-shaped id from a key (SHA-256, version nibble 8: "custom"), stable across instances. */
export function idFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class EmailOutbox {
  constructor(
    private readonly prisma: Db,
    /** The right-hand side of every Message-ID: this server's public host name. */
    private readonly host: string,
  ) {}

  messageIdOf(id: string): string {
    return `<${id}@${this.host}>`;
  }

  /** Writes the message as PENDING, due now. Returns the row (the existing one for a repeated dedupeKey). */
  async enqueue(mail: NewEmail, db: Writer = this.prisma): Promise<EmailRow> {
    const id = await this.add(mail, db);
    return db.emailMessage.findUniqueOrThrow({ where: { id } });
  }

  /** enqueue() for a writer that does not need the row back: one statement. Returns its id. */
  async add(mail: NewEmail, db: Writer = this.prisma): Promise<string> {
    const { sql, id } = this.insertOf(mail);
    await db.$executeRaw(sql);
    return id;
  }

  /**
   * The INSERT that enqueues `mail` (with the id it gets), for a caller that runs it as part of
   * its own statement (a notification's copy), only if `when` holds then (a person's opt-out,
   * checked as the row is written). Refuses a bad address or subject before anything runs.
   */
  insertOf(mail: NewEmail, when: Prisma.Sql = Prisma.sql`true`): { sql: Prisma.Sql; id: string } {
    if (!isEmailAddress(mail.to)) throw badInput('to', `"${mail.to}" is not an email address`);
    if (HEADER_BREAK.test(mail.subject)) throw badInput('subject', 'A subject is one line');
    const id = mail.dedupeKey ? idFromKey(mail.dedupeKey) : randomUUID();
    const html = mail.html === undefined ? htmlFromText(mail.text) : mail.html;
    // Hand-written: Prisma's createMany of one row cost ~1 ms more CPU inside a booking's transaction.
    // PENDING, no attempts and due now are the table's defaults; a repeated dedupeKey (same id) is skipped.
    const sql = Prisma.sql`
      INSERT INTO email_message (id, message_id, to_address, subject, text, html)
      SELECT ${id}::uuid, ${this.messageIdOf(id)}::text, ${mail.to}::text, ${mail.subject}::text, ${mail.text}::text, ${html}::text
      WHERE ${when}
      ON CONFLICT DO NOTHING`;
    return { sql, id };
  }

  /** Admins: the outbox newest first, optionally one status. */
  async list(args: { status?: EmailStatus | null; first?: number | null; after?: string | null }): Promise<Connection<EmailRow>> {
    const where: Prisma.EmailMessageWhereInput = args.status ? { status: args.status } : {};
    return keysetConnection(this.prisma.emailMessage, where, 'createdAt', args);
  }

  /**
   * Admins: a FAILED message goes back to PENDING, due now, with a fresh set of attempts
   * (the sender gives up after EMAIL_MAX_ATTEMPTS). Its Message-ID stays, so a copy that did
   * arrive after all is recognisably the same message. Only FAILED ones: a PENDING one is
   * already on its way and a SENT one was delivered.
   */
  async retry(id: string, now: Date = new Date()): Promise<EmailRow> {
    const { count } = await this.prisma.emailMessage.updateMany({
      where: { id, status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: now },
    });
    const row = await this.prisma.emailMessage.findUnique({ where: { id } });
    if (!row) throw notFound('That email');
    if (!count) throw new DomainError('INVALID_TRANSITION', `Only a failed email can be retried; this one is ${row.status.toLowerCase()}`);
    return row;
  }
}
