// The composition root: every service built once from the infrastructure, in
// dependency order. Modules receive only the services and ports they use.
import type { ContainerType } from 'type-graphql';
import type { Infra } from './infra';
import { openMediaStore } from './infra/media';
import type { ModuleParts } from './modules/module';
import { analyticsModule } from './modules/analytics';
import { availabilityModule } from './modules/availability';
import { bookedTimes, bookingsModule } from './modules/bookings';
import { catalogModule } from './modules/catalog';
import { emailModule } from './modules/email';
import { identityModule } from './modules/identity';
import { notificationsModule } from './modules/notifications';
import { paymentsModule } from './modules/payments';
import { realtimeModule } from './modules/realtime';
import { reviewsModule } from './modules/reviews';

export async function composeModules(infra: Infra) {
  const media = openMediaStore(infra.config);
  const identity = identityModule(infra, media.store);
  // Availability is built after the catalog it reads; the catalog reaches it lazily.
  const late: { availability?: ReturnType<typeof availabilityModule>['availability'] } = {};
  const catalog = catalogModule(infra, { users: identity.users, media: media.store, freeSlots: () => late.availability! });
  const availability = availabilityModule(infra, { catalog: catalog.catalog, bookings: bookedTimes(infra) });
  late.availability = availability.availability;
  // Bookings offer REVIEW until a booking has its review; reviews, built after bookings, answer.
  const reviewed: { by?: ReturnType<typeof reviewsModule>['reviews'] } = {};
  const { notifications, parts: notificationParts } = notificationsModule(infra.prisma);
  const bookings = bookingsModule(infra, {
    catalog: catalog.catalog,
    availability: availability.availability,
    users: identity.users,
    hasReview: (ids) => reviewed.by!.hasReview(ids),
    notifications,
  });
  const reviews = reviewsModule(infra, { bookings: bookings.bookings, catalog: catalog.catalog, users: identity.users, notifications });
  reviewed.by = reviews.reviews;
  const email = emailModule(infra, { users: identity.users, notifications });
  const analytics = analyticsModule(infra, { catalog: catalog.catalog });
  const payments = paymentsModule(infra, { bookings: bookings.bookings, catalog: catalog.catalog, notifications });
  const realtime = realtimeModule(infra, {
    bookings: bookings.bookings,
    catalog: catalog.catalog,
    notifications,
    principals: identity.sessionState,
  });
  const parts: ModuleParts[] = [
    { bindings: [], routes: media.routes },
    identity.parts,
    catalog.parts,
    availability.parts,
    bookings.parts,
    reviews.parts,
    payments.parts,
    notificationParts,
    realtime.parts,
    email.parts,
    analytics.parts,
  ];

  const instances = new Map<unknown, object>(parts.flatMap((p) => p.bindings));
  const container: ContainerType = {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`No instance bound for resolver ${(someClass as { name?: string }).name}`);
      return instance;
    },
  };
  return {
    container,
    parts,
    authenticator: identity.authenticator,
    services: {
      identity: identity.identity,
      users: identity.users,
      apiKeys: identity.apiKeys,
      media: media.store,
      catalog: catalog.catalog,
      availability: availability.availability,
      bookings: bookings.bookings,
      waitlist: bookings.waitlist,
      reviews: reviews.reviews,
      payments: payments.payments,
      refunds: payments.refunds,
      refundSafetyNet: payments.safetyNet,
      reconciliation: payments.reconciliation,
      paymentGateway: payments.gateway,
      notifications,
      changeFeed: realtime.changeFeed,
      email: email.outbox,
      emailSender: email.sender,
      analytics: analytics.analytics,
    },
  };
}

export type Composition = Awaited<ReturnType<typeof composeModules>>;
