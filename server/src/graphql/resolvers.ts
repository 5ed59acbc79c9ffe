// Every resolver class of the schema, module by module.
import { availabilityResolvers } from '../modules/availability';
import { bookingsResolvers } from '../modules/bookings';
import { catalogResolvers } from '../modules/catalog';
import { identityResolvers } from '../modules/identity';
import { paymentsResolvers } from '../modules/payments';

export const resolvers = [
  ...identityResolvers,
  ...catalogResolvers,
  ...availabilityResolvers,
  ...bookingsResolvers,
  ...paymentsResolvers,
] as const;
