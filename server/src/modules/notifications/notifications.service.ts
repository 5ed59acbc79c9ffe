// In-app notifications: rows a person reads in the app (email joins with the
// notifications issue). Other modules call notify(); the table is this module's.
import type { Db } from '../../infra/database';

export interface NotificationInput {
  userId: string;
  type: string;
  title: string;
  body: string;
  bookingId?: string | null;
}

export class NotificationsService {
  constructor(private readonly prisma: Db) {}

  async notify(...notes: NotificationInput[]): Promise<void> {
    if (!notes.length) return;
    await this.prisma.notification.createMany({
      data: notes.map((n) => ({ userId: n.userId, type: n.type, title: n.title, body: n.body, bookingId: n.bookingId ?? null })),
    });
  }
}
