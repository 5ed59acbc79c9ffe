// Tells the customer and the provider what happened to a payment (in-app rows).
import type { Payment as PaymentRow, Refund as RefundRow } from '../../generated/prisma/client';
import type { BookingsService } from '../bookings/bookings.service';
import type { CatalogService } from '../catalog/catalog.service';
import type { NotificationKind } from '../notifications/notification-kinds';
import type { NotificationsService } from '../notifications/notifications.service';

const taka = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export class PaymentNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly bookings: BookingsService,
    private readonly catalog: CatalogService,
  ) {}

  async paid(p: PaymentRow) {
    await this.tellBoth(p, 'PAYMENT_SUCCEEDED', 'Payment received', (who) =>
      who === 'customer'
        ? `We received ${taka(p.amount, p.currency)}; your booking is confirmed.`
        : `The customer paid ${taka(p.amount, p.currency)}; the booking is confirmed.`,
    );
  }

  async failed(p: PaymentRow) {
    await this.tellBoth(p, 'PAYMENT_FAILED', 'Payment failed', (who) =>
      who === 'customer'
        ? 'Your payment did not go through. The slot stays held until the hold expires; you can try again.'
        : 'A customer payment did not go through; the slot stays held until the hold expires.',
    );
  }

  async paidButSlotLost(p: PaymentRow) {
    await this.tellBoth(p, 'PAYMENT_REFUNDED', 'Payment refunded', (who) =>
      who === 'customer'
        ? `Your payment arrived after the hold expired and the time was taken; we are refunding ${taka(p.amount, p.currency)}.`
        : 'A late payment arrived after the slot was taken and is being refunded.',
    );
  }

  async paidAfterBookingEnded(p: PaymentRow) {
    await this.tellBoth(p, 'PAYMENT_REFUNDED', 'Payment refunded', (who) =>
      who === 'customer'
        ? `Your payment arrived after the booking was cancelled or declined, so it stays that way; we are refunding ${taka(p.amount, p.currency)}.`
        : 'A payment arrived for a booking that had been cancelled or declined; it stays so and the payment is being refunded.',
    );
  }

  async heldForReview(p: PaymentRow) {
    await this.tellBoth(p, 'PAYMENT_HELD', 'Payment under review', (who) =>
      who === 'customer'
        ? `We received ${taka(p.amount, p.currency)}, but the payment needs a check before your booking is confirmed. We will tell you either way.`
        : 'A customer payment is being checked before the booking is confirmed.',
    );
  }

  async refunded(p: PaymentRow, r: RefundRow) {
    await this.tellBoth(p, 'PAYMENT_REFUNDED', 'Refund completed', (who) =>
      who === 'customer'
        ? `${taka(r.amount, p.currency)} was refunded to you.`
        : `${taka(r.amount, p.currency)} was refunded to the customer.`,
    );
  }

  private async tellBoth(p: PaymentRow, type: NotificationKind, title: string, body: (who: 'customer' | 'provider') => string) {
    const booking = await this.bookings.bookingLoader().load(p.bookingId);
    if (!booking) return;
    const provider = await this.catalog.providerScheduling(booking.providerId);
    await this.notifications.notify(
      { userId: booking.customerId, type, title, body: body('customer'), bookingId: p.bookingId },
      ...(provider ? [{ userId: provider.userId, type, title, body: body('provider'), bookingId: p.bookingId }] : []),
    );
  }
}
