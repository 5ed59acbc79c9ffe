// Every resolver class of the schema, module by module.
import { identityResolvers } from '../modules/identity';

export const resolvers = [...identityResolvers] as const;
