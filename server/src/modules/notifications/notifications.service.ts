// In-app notifications: rows a person reads in the app (email joins with the
// notifications issue). Other modules call notify(); the table is this module's.
// The inbox lists newest first (createdAt desc, id desc as the tie-break) with keyset
// cursors over that pair; each person sees and marks only their own.
import DataLoader from 'dataloader';
import type { Notification as NotificationRow, Prisma } from '../../generated/prisma/client';
import { badInput } from '../../domain-error';
import type { Connection } from '../../graphql/common.types';
import { keysetConnection } from '../../graphql/keyset';
import type { Db } from '../../infra/database';

export interface NotificationInput {
  userId: string;
  type: string;
  title: string;
  body: string;
  bookingId?: string | null;
}

export interface InboxArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export type Inbox = Connection<NotificationRow> & { unreadCount: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

/** Told of every notification after its rows are written (the email module sends copies). */
export type NotifyListener = (notes: readonly NotificationInput[]) => Promise<void>;

export class NotificationsService {
  private readonly listeners: NotifyListener[] = [];

  constructor(private readonly prisma: Db) {}

  onNotify(listener: NotifyListener): void {
    this.listeners.push(listener);
  }

  async notify(...notes: NotificationInput[]): Promise<void> {
    if (!notes.length) return;
    await this.prisma.notification.createMany({
      data: notes.map((n) => ({ userId: n.userId, type: n.type, title: n.title, body: n.body, bookingId: n.bookingId ?? null })),
    });
    for (const listener of this.listeners) await listener(notes);
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
