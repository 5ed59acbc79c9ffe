// In-app notifications: rows a person reads in the app, each with an email copy through the
// outbox unless the person turned that kind off. Other modules prepare() their notes (the
// recipients' addresses are read then; opt-outs as the copies are written) and write() them
// inside the transaction of the change they tell about, or make their statements() part of
// the change's own statement, so a change and its notice commit together or not at all;
// notify() does both in a transaction of its own. Notes with a dedupeKey are written once
// per key and person, however many job runs or instances try.
// The inbox lists newest first (createdAt desc, id desc as the tie-break) with keyset
// cursors over that pair; each person sees and marks only their own.
import DataLoader from 'dataloader';
import { Prisma, type Notification as NotificationRow } from '../../generated/prisma/client';
import { badInput } from '../../domain-error';
import type { Connection } from '../../shared/paging';
import { keysetConnection } from '../../shared/keyset';
import type { Db } from '../../infra/database';
import type { Contacts } from '../identity/users.service';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';

export interface NotificationInput {
  userId: string;
  type: NotificationKind;
  title: string;
  body: string;
  bookingId?: string | null;
  /** Jobs: the same key (per person) is written once. */
  dedupeKey?: string | null;
}

export interface InboxArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export type Inbox = Connection<NotificationRow> & { unreadCount: number };

type Writer = Prisma.TransactionClient;
/** Which of the prepared notes to write (a sweep writes those whose change it won). */
export type NoteFilter = (note: NotificationInput) => boolean;

/**
 * Notes ready to be written inside the caller's transaction, once: their email copies' ids
 * are fixed when prepared, so a second successful write would skip them as duplicates.
 */
export interface Delivery {
  readonly notes: readonly NotificationInput[];
  write(tx: Writer, only?: NoteFilter): Promise<void>;
  /** The INSERTs write() runs, for a caller that makes them part of its own statement (see `alongside`). */
  statements(only?: NoteFilter): Prisma.Sql[];
}

/** A condition, true when the note's person wants its email copy, checked as the copy is written. */
export type EmailWanted = (note: NotificationInput) => Prisma.Sql;

/**
 * Makes the email copies of the notes it is given (from `contacts` when the change has loaded
 * them); returns the INSERTs of the chosen copies, run with the notes'.
 */
export type EmailCopier = (
  notes: readonly NotificationInput[],
  wanted: EmailWanted,
  contacts?: Contacts,
) => Promise<(only?: NoteFilter) => Prisma.Sql[]>;

// The opt-out is read by the copy's own INSERT (no read before the write, and an opt-out made
// meanwhile still counts).
const emailWanted: EmailWanted = (n) => Prisma.sql`NOT EXISTS (
  SELECT 1 FROM notification_email_opt_out WHERE user_id = ${n.userId}::uuid AND kind = ${n.type}::text)`;

export interface NotificationPreference {
  kind: NotificationKind;
  email: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);
/** The stored key: one per person, since one event tells both parties. */
export const personalKey = (note: NotificationInput) => (note.dedupeKey ? `${note.dedupeKey}:${note.userId}` : null);

export class NotificationsService {
  private readonly copiers: EmailCopier[] = [];

  constructor(private readonly prisma: Db) {}

  onNotify(copier: EmailCopier): void {
    this.copiers.push(copier);
  }

  /** Writes the notes and their email copies in one transaction of its own. */
  async notify(...notes: NotificationInput[]): Promise<void> {
    if (!notes.length) return;
    const delivery = await this.prepare(notes);
    await this.prisma.$transaction((tx) => delivery.write(tx));
  }

  /**
   * Reads what the notes' email copies need (the people's addresses, from `contacts` when the
   * change has loaded them) so write() only writes.
   */
  async prepare(notes: readonly NotificationInput[], contacts?: Contacts): Promise<Delivery> {
    const copies = await Promise.all(this.copiers.map((copy) => copy(notes, emailWanted, contacts)));
    const statements = (only?: NoteFilter): Prisma.Sql[] => {
      const chosen = only ? notes.filter(only) : notes;
      if (!chosen.length) return [];
      // One hand-written INSERT: Prisma's createMany of these rows cost ~1 ms more CPU per booking.
      // A repeated dedupe key is skipped (a job's note written once); created_at is the transaction's.
      const rows = chosen.map(
        (n) => Prisma.sql`(${n.userId}::uuid, ${n.type}, ${n.title}, ${n.body}, ${n.bookingId ?? null}::uuid, ${personalKey(n)})`,
      );
      const inbox = Prisma.sql`
        INSERT INTO notification (user_id, type, title, body, booking_id, dedupe_key)
        VALUES ${Prisma.join(rows)} ON CONFLICT DO NOTHING`;
      return [inbox, ...copies.flatMap((copy) => copy(only))];
    };
    return {
      notes,
      statements,
      write: async (tx, only) => {
        for (const statement of statements(only)) await tx.$executeRaw(statement);
      },
    };
  }

  /** Which of these dedupe keys (as given to notes, per person) were not written yet. */
  async unwritten(notes: readonly NotificationInput[]): Promise<NotificationInput[]> {
    const keys = notes.map(personalKey).filter((k): k is string => k !== null);
    if (!keys.length) return [...notes];
    const found = await this.prisma.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
    const written = new Set(found.map((f) => f.dedupeKey));
    return notes.filter((n) => !written.has(personalKey(n)));
  }

  /** Every kind, with whether its email copy is on for this person. */
  async preferences(userId: string): Promise<NotificationPreference[]> {
    const off = new Set((await this.prisma.notificationEmailOptOut.findMany({ where: { userId } })).map((o) => o.kind));
    return NOTIFICATION_KINDS.map((kind) => ({ kind, email: !off.has(kind) }));
  }

  /** Turns the email copy of one kind on or off; in-app notifications of it always stay. */
  async setEmail(userId: string, kind: NotificationKind, email: boolean): Promise<NotificationPreference[]> {
    if (!NOTIFICATION_KINDS.includes(kind)) throw badInput('kind', `kind: one of ${NOTIFICATION_KINDS.join(', ')}`);
    if (email) await this.prisma.notificationEmailOptOut.deleteMany({ where: { userId, kind } });
    else await this.prisma.notificationEmailOptOut.createMany({ data: [{ userId, kind }], skipDuplicates: true });
    return this.preferences(userId);
  }

  /** The person's inbox, newest first; unreadCount counts every unread one, whatever the filter. */
  async inbox(userId: string, args: InboxArgs): Promise<Inbox> {
    const where: Prisma.NotificationWhereInput = { userId, ...(args.unreadOnly && { readAt: null }) };
    const [page, unreadCount] = await Promise.all([
      keysetConnection(this.prisma.notification, where, 'createdAt', args),
      this.prisma.notification.count({ where: { userId, readAt: null } }),
    ]);
    return { ...page, unreadCount };
  }

  /** Marks the person's unread notifications read: these ids, or all when ids is null. Returns how many changed. */
  async markRead(userId: string, ids: string[] | null | undefined, now = new Date()): Promise<number> {
    if (ids && !ids.every(isUuid)) throw badInput('ids', 'ids must be notification ids from the notifications query');
    if (ids && !ids.length) return 0;
    const { count } = await this.prisma.notification.updateMany({
      where: { userId, readAt: null, ...(ids && { id: { in: ids } }) },
      data: { readAt: now },
    });
    return count;
  }

  /** Batches notification lookups (the notificationAdded subscription) into one query. */
  loader(): DataLoader<string, NotificationRow | null> {
    return new DataLoader(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await this.prisma.notification.findMany({ where: { id: { in: valid } } }) : [];
      const byId = new Map(rows.map((n) => [n.id, n]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
