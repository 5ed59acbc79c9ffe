// Every in-app notification also goes out by email to the person's address: the
// notifications module calls this after writing its rows (NotificationsService.onNotify).
// The body is the notification's own words; the person's name and those words are user
// text, so the HTML is made by htmlFromText, which escapes all of it.
import type { User } from '../../generated/prisma/client';
import type { Logger } from '../../infra/logger';
import type { NotificationInput } from '../notifications/notifications.service';
import { isEmailAddress, type EmailOutbox, type NewEmail } from './email-outbox';

export interface UserDirectory {
  loader(): { loadMany(ids: readonly string[]): Promise<(User | null | Error)[]> };
}

export class NotificationEmails {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly users: UserDirectory,
    /** Where people open a booking: the SPA's origin. */
    private readonly appUrl: () => string,
    private readonly log: Logger,
  ) {}

  /** Enqueues one email per notification whose person is known and has a usable address. */
  async notified(notes: readonly NotificationInput[]): Promise<void> {
    const people = await this.users.loader().loadMany(notes.map((n) => n.userId));
    for (const [i, note] of notes.entries()) {
      const person = people[i];
      if (!person || person instanceof Error) continue;
      // A bad stored address must not fail the notify() of a payment or booking.
      if (!isEmailAddress(person.email)) {
        this.log.warn({ userId: person.id }, 'no email copy of a notification: the stored address is not usable');
        continue;
      }
      await this.outbox.enqueue(this.compose(note, person));
    }
  }

  private compose(note: NotificationInput, person: User): NewEmail {
    const link = note.bookingId ? new URL(`/bookings/${note.bookingId}`, this.appUrl()).toString() : null;
    const text = [`Hi ${person.name},`, note.body, ...(link ? ['Open the booking:', link] : []), '— HomeSer'].join('\n\n');
    return { to: person.email, subject: `${note.title.replace(/\s+/g, ' ')} — HomeSer`, text };
  }
}
