import type { Infra } from '../../infra';
import { openPaymentGateway } from '../../infra/payments';
import type { BookingsService } from '../bookings/bookings.service';
import type { CatalogService } from '../catalog/catalog.service';
import type { ModuleParts } from '../module';
import type { NotificationsService } from '../notifications/notifications.service';
import { PaymentNotices } from './payment-notices';
import { PaymentSettlement } from './payment-settlement';
import { paymentRoutes } from './payments.routes';
import { BookingPaymentResolver, PaymentsResolver } from './payments.resolver';
import { PaymentsService } from './payments.service';
import { PaymentReconciliation } from './reconciliation';
import { RefundSafetyNet } from './refund-safety-net';
import { RefundsService } from './refunds.service';

export const paymentsResolvers = [PaymentsResolver, BookingPaymentResolver] as const;

const REFUND_POLL_MS = 10_000;
const RECONCILE_EVERY_MS = 60_000;
// Cancellations whose refund the event handler may have missed, and payments a crash may
// have stranded, are looked for this far back (all of them, page by page).
const MISSED_REFUND_LOOKBACK_MS = 7 * 24 * 3_600_000;

export function paymentsModule(
  infra: Infra,
  deps: { bookings: BookingsService; catalog: CatalogService; notifications: NotificationsService },
) {
  const { config, prisma, log } = infra;
  const opened = openPaymentGateway(config, prisma);
  if (opened.kind === 'sandbox' && config.env === 'production') {
    log.warn('PAYMENTS_SANDBOX=builtin: payments go to the BUILT-IN SANDBOX; no real money moves and nobody is charged');
  }
  const notices = new PaymentNotices(deps.notifications, deps.bookings, deps.catalog);
  const refunds = new RefundsService(prisma, opened.gateway, log);
  refunds.onRefunded({ refunded: (payment, refund) => notices.refunded(payment, refund) });
  const settlement = new PaymentSettlement(prisma, opened.gateway, deps.bookings, refunds, notices, log);
  const payments = new PaymentsService(prisma, opened.gateway, deps.bookings, () => config.publicUrl, log);
  const reconciliation = new PaymentReconciliation(prisma, opened.gateway, settlement, config.payments.reconcileAfterMinutes, log);
  const safetyNet = new RefundSafetyNet(prisma, refunds, deps.bookings, log);
  infra.events.on('booking.cancelled', (event) => payments.closeOpenSessions(event.bookingId));
  infra.events.on('booking.cancelled', (event) => refunds.refundCancellation(event));

  const parts: ModuleParts = {
    bindings: [
      [PaymentsResolver, new PaymentsResolver(payments, refunds, settlement, deps.bookings)],
      [BookingPaymentResolver, new BookingPaymentResolver(payments)],
    ],
    routes: (app) => {
      opened.routes?.(app);
      paymentRoutes(settlement, () => config.webOrigins[0] ?? config.publicUrl)(app);
    },
    jobs: [
      { name: 'refund-poll', everyMs: REFUND_POLL_MS, run: () => refunds.pollOpen() },
      { name: 'payment-reconciliation', everyMs: RECONCILE_EVERY_MS, run: () => reconciliation.run() },
      {
        name: 'cancellation-refunds',
        everyMs: RECONCILE_EVERY_MS,
        run: () => safetyNet.refundMissedCancellations(new Date(Date.now() - MISSED_REFUND_LOOKBACK_MS)),
      },
      {
        name: 'stranded-payment-refunds',
        everyMs: RECONCILE_EVERY_MS,
        run: () => safetyNet.refundStrandedPayments(new Date(Date.now() - MISSED_REFUND_LOOKBACK_MS)),
      },
    ],
  };
  return { payments, refunds, safetyNet, settlement, reconciliation, gateway: opened, parts };
}
