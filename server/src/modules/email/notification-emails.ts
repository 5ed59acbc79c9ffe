// Every in-app notification also goes out by email to the person's address, unless they
// turned its kind off: the notifications module asks for the copies when it prepares its
// notes and writes them with the notes (NotificationsService.onNotify). It hands over the
// opt-out check as a SQL condition (its table), which each copy's INSERT evaluates as it
// is written. A note with a dedupe key gives its email the same key, so a repeated note is
// one email.
// The body is the notification's own words; the person's name and those words are user
// text, so the HTML is made by htmlFromText, which escapes all of it.
import type { Logger } from '../../infra/logger';
import type { Contact, Contacts } from '../identity/users.service';
import type { Prisma } from '../../generated/prisma/client';
import { personalKey, type EmailWanted, type NoteFilter, type NotificationInput } from '../notifications/notifications.service';
import { isEmailAddress, type EmailOutbox, type NewEmail } from './email-outbox';

export interface UserDirectory {
  contactLoader(): Contacts;
}

export class NotificationEmails {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly users: UserDirectory,
    /** Where people open a booking: the SPA's origin. */
    private readonly appUrl: () => string,
    private readonly log: Logger,
  ) {}

  /**
   * One email per notification whose person is known and has a usable address, written only
   * if `wanted` holds for its note then; returns the outbox INSERTs of the chosen notes.
   */
  async prepare(
    notes: readonly NotificationInput[],
    wanted: EmailWanted,
    contacts: Contacts = this.users.contactLoader(),
  ): Promise<(only?: NoteFilter) => Prisma.Sql[]> {
    const people = notes.length ? await contacts.loadMany(notes.map((n) => n.userId)) : [];
    const copies: [NotificationInput, Prisma.Sql][] = [];
    for (const [i, note] of notes.entries()) {
      const person = people[i];
      if (!person || person instanceof Error) continue;
      // A bad stored address must not fail the notice of a payment or booking.
      if (!isEmailAddress(person.email)) {
        this.log.warn({ userId: person.id }, 'no email copy of a notification: the stored address is not usable');
        continue;
      }
      copies.push([note, this.outbox.insertOf(this.compose(note, person), wanted(note)).sql]);
    }
    return (only) => copies.filter(([note]) => !only || only(note)).map(([, insert]) => insert);
  }

  private compose(note: NotificationInput, person: Contact): NewEmail {
    const link = note.bookingId ? new URL(`/bookings/${note.bookingId}`, this.appUrl()).toString() : null;
    const text = [`Hi ${person.name},`, note.body, ...(link ? ['Open the booking:', link] : []), '— HomeSer'].join('\n\n');
    const key = personalKey(note);
    return { to: person.email, subject: `${note.title.replace(/\s+/g, ' ')} — HomeSer`, text, dedupeKey: key && `notification:${key}` };
  }
}
