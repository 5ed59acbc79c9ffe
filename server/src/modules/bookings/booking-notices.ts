// What each booking change tells whom, in words a person can act on. Each kind's method
// reads what its words need (names, zones, the service's title) and returns the notes;
// deliver() prepares them, and the caller writes the Delivery inside the transaction of the
// change itself (NotificationsService.prepare). Notes already written (a job's dedupe key)
// are left out.
// Times are shown in the reader's own zone, e.g. "Tue 8 Dec, 14:30 (Asia/Dhaka)".
import { DateTime } from 'luxon';
import type { Booking as BookingRow } from '../../generated/prisma/client';
import type { CatalogService } from '../catalog/catalog.service';
import type { UsersService } from '../identity/users.service';
import type { NotificationKind } from '../notifications/notification-kinds';
import type { Delivery, NotificationInput, NotificationsService } from '../notifications/notifications.service';
import type { Actor } from './booking-transitions';

export type BookingNotifier = Pick<NotificationsService, 'prepare' | 'unwritten'>;
export type NoticeCatalog = Pick<CatalogService, 'serviceLoader' | 'providerLoader'>;

/** What a notice needs of a booking: the row as it is after the change. */
export type NoticeBooking = Pick<
  BookingRow,
  'id' | 'serviceId' | 'providerId' | 'customerId' | 'startsAt' | 'holdExpiresAt' | 'answerBy' | 'cancellationReason' | 'status'
>;

interface Party {
  userId: string;
  name: string;
  zone: string;
}

interface Facts {
  customer: Party;
  provider: Party;
  service: string;
}

/** What the caller already read of the service and its provider (a new booking has them): not read again. */
export interface KnownFacts {
  service: string;
  provider: Party;
}

type Side = 'customer' | 'provider';
/** The words for one reader; `at` shows an instant in that reader's zone. */
type Words = (f: Facts, at: (d: Date | null) => string) => { title: string; body: string };

export const formatWhen = (d: Date, zone: string) => `${DateTime.fromJSDate(d).setZone(zone).toFormat('ccc d LLL, HH:mm')} (${zone})`;

export class BookingNotices {
  /** Shared by the notes composed in one tick (a sweep's many bookings batch into one query each). */
  private loaders?: {
    services: ReturnType<NoticeCatalog['serviceLoader']>;
    providers: ReturnType<NoticeCatalog['providerLoader']>;
    users: ReturnType<UsersService['contactLoader']>;
  };

  constructor(
    private readonly notifications: BookingNotifier,
    private readonly catalog: NoticeCatalog,
    private readonly users: Pick<UsersService, 'contactLoader'>,
  ) {}

  requested(b: NoticeBooking, known?: KnownFacts): Promise<NotificationInput[]> {
    return this.tell(
      b,
      'BOOKING_REQUESTED',
      ['provider'],
      (f, at) => ({
        title: 'New booking request',
        body: `${f.customer.name} asked for ${f.service} on ${at(b.startsAt)}. Accept or reject it by ${at(b.answerBy)}, or it expires.`,
      }),
      { known },
    );
  }

  accepted(b: NoticeBooking): Promise<NotificationInput[]> {
    return this.tell(b, 'BOOKING_ACCEPTED', ['customer'], (f, at) => ({
      title: 'Request accepted: pay to confirm',
      body: `${f.provider.name} accepted ${f.service} on ${at(b.startsAt)}. Pay by ${at(b.holdExpiresAt)} to keep the slot.`,
    }));
  }

  rejected(b: NoticeBooking): Promise<NotificationInput[]> {
    return this.tell(b, 'BOOKING_REJECTED', ['customer'], (f, at) => ({
      title: 'Request declined',
      body: `${f.provider.name} declined ${f.service} on ${at(b.startsAt)}${reasonOf(b)}. Pick another time or provider.`,
    }));
  }

  /** The other side of whoever cancelled; both parties when an admin did. */
  cancelled(b: NoticeBooking, by: Actor): Promise<NotificationInput[]> {
    const to: Side[] = by === 'customer' ? ['provider'] : by === 'provider' ? ['customer'] : ['customer', 'provider'];
    return this.tell(b, 'BOOKING_CANCELLED', to, (f, at) => ({
      title: 'Booking cancelled',
      body: `${by === 'customer' ? f.customer.name : by === 'provider' ? f.provider.name : 'HomeSer support'} cancelled ${f.service} on ${at(b.startsAt)}${reasonOf(b)}.`,
    }));
  }

  rescheduled(b: NoticeBooking, from: Date, by: Actor): Promise<NotificationInput[]> {
    const to: Side[] = by === 'customer' ? ['provider'] : ['customer'];
    return this.tell(b, 'BOOKING_RESCHEDULED', to, (f, at) => ({
      title: 'Booking moved',
      body: `${by === 'customer' ? f.customer.name : f.provider.name} moved ${f.service} from ${at(from)} to ${at(b.startsAt)}.`,
    }));
  }

  /** Expired while REQUESTED (no answer in time) or PENDING_PAYMENT (not paid in time). */
  expired(b: NoticeBooking): Promise<NotificationInput[]> {
    const unanswered = b.status === 'REQUESTED';
    return this.tell(b, 'BOOKING_EXPIRED', ['customer', 'provider'], (f, at) => ({
      title: unanswered ? 'Request expired' : 'Booking expired',
      body: unanswered
        ? `The request for ${f.service} on ${at(b.startsAt)} was not answered in time, so it expired and the slot is free again.`
        : `${f.service} on ${at(b.startsAt)} was not paid in time, so it expired and the slot is free again.`,
    }));
  }

  holdExpiring(b: NoticeBooking): Promise<NotificationInput[]> {
    return this.tell(
      b,
      'HOLD_EXPIRING',
      ['customer'],
      (f, at) => ({
        title: 'Your hold is about to expire',
        body: `Pay for ${f.service} on ${at(b.startsAt)} by ${at(b.holdExpiresAt)}, or the slot is released.`,
      }),
      { dedupeKey: `hold-expiring:${b.id}:${b.holdExpiresAt?.toISOString()}` },
    );
  }

  reminder(b: NoticeBooking): Promise<NotificationInput[]> {
    return this.tell(
      b,
      'BOOKING_REMINDER',
      ['customer', 'provider'],
      (f, at) => ({ title: 'Coming up: your booking', body: `Reminder: ${f.service} on ${at(b.startsAt)}.` }),
      { dedupeKey: `reminder:${b.id}:${b.startsAt.toISOString()}` },
    );
  }

  waitlistOffer(b: NoticeBooking): Promise<NotificationInput[]> {
    return this.tell(b, 'WAITLIST_OFFER', ['customer'], (f, at) => ({
      title: 'A place opened up for you',
      body:
        b.status === 'PENDING_PAYMENT'
          ? `A seat of ${f.service} on ${at(b.startsAt)} that you waited for is yours if you pay by ${at(b.holdExpiresAt)}; after that it goes to the next in line.`
          : `A place of ${f.service} on ${at(b.startsAt)} that you waited for opened up: we sent your request to ${f.provider.name}, who answers by ${at(b.answerBy)}.`,
    }));
  }

  /** The notes of one or many bookings, ready to write; each note keeps its bookingId, for a sweep's filter. */
  async deliver(...lists: Promise<NotificationInput[]>[]): Promise<Delivery> {
    // The email copies address people these notes read: the lists began (and took the loaders
    // of this tick) before this call, so take them now, before another change's deliver drops them.
    const contacts = this.loaders?.users;
    let notes: NotificationInput[];
    try {
      notes = (await Promise.all(lists)).flat();
    } finally {
      this.loaders = undefined; // names, zones and addresses are read afresh for the next change
    }
    return this.notifications.prepare(await this.notifications.unwritten(notes), contacts);
  }

  private async tell(
    b: NoticeBooking,
    type: NotificationKind,
    to: Side[],
    words: Words,
    { dedupeKey, known }: { dedupeKey?: string; known?: KnownFacts } = {},
  ): Promise<NotificationInput[]> {
    const facts = await this.facts(b, known);
    // Each reads times in their own zone: the customer in theirs, the provider in the business's.
    return to
      .filter((side) => facts[side].userId)
      .map((side) => {
        const at = (d: Date | null) => (d ? formatWhen(d, facts[side].zone) : 'soon');
        return { userId: facts[side].userId, type, bookingId: b.id, dedupeKey, ...words(facts, at) };
      });
  }

  private async facts(b: NoticeBooking, known?: KnownFacts): Promise<Facts> {
    const loaders = (this.loaders ??= {
      services: this.catalog.serviceLoader(),
      providers: this.catalog.providerLoader(),
      users: this.users.contactLoader(),
    });
    const [customer, service, provider] = await Promise.all([
      loaders.users.load(b.customerId),
      known ? null : loaders.services.load(b.serviceId),
      known ? null : loaders.providers.load(b.providerId),
      // A known provider's contact comes in the customer's statement, for the email copy (see deliver).
      known && loaders.users.load(known.provider.userId),
    ]);
    return {
      service: known?.service ?? service?.title ?? 'your booking',
      customer: { userId: b.customerId, name: customer?.name ?? 'A customer', zone: customer?.timeZone ?? 'UTC' },
      provider: known?.provider ?? {
        userId: provider?.userId ?? '',
        name: provider?.businessName ?? 'The provider',
        zone: provider?.timeZone ?? 'UTC',
      },
    };
  }
}

const reasonOf = (b: NoticeBooking) => (b.cancellationReason ? `: "${b.cancellationReason}"` : '');
