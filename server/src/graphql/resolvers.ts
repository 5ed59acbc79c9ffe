// Every resolver class of the schema, module by module.
import { availabilityResolvers } from '../modules/availability';
import { bookingsResolvers } from '../modules/bookings';
import { catalogResolvers } from '../modules/catalog';
import { identityResolvers } from '../modules/identity';
import { notificationsResolvers } from '../modules/notifications';
import { paymentsResolvers } from '../modules/payments';
import { realtimeResolvers } from '../modules/realtime';

export const resolvers = [
  ...identityResolvers,
  ...catalogResolvers,
  ...availabilityResolvers,
  ...bookingsResolvers,
  ...paymentsResolvers,
  ...notificationsResolvers,
  ...realtimeResolvers,
] as const;
