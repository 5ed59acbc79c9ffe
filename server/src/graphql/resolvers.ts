// Every resolver class of the schema, module by module.
import { analyticsResolvers } from '../modules/analytics';
import { availabilityResolvers } from '../modules/availability';
import { bookingsResolvers } from '../modules/bookings';
import { catalogResolvers } from '../modules/catalog';
import { emailResolvers } from '../modules/email';
import { identityResolvers } from '../modules/identity';
import { notificationsResolvers } from '../modules/notifications';
import { paymentsResolvers } from '../modules/payments';
import { realtimeResolvers } from '../modules/realtime';
import { reviewsResolvers } from '../modules/reviews';

export const resolvers = [
  ...identityResolvers,
  ...catalogResolvers,
  ...availabilityResolvers,
  ...bookingsResolvers,
  ...paymentsResolvers,
  ...reviewsResolvers,
  ...notificationsResolvers,
  ...realtimeResolvers,
  ...emailResolvers,
  ...analyticsResolvers,
] as const;
