// Builds the executable schema from every module's resolvers.
import { GraphQLEnumType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, type ContainerType } from 'type-graphql';
import { unusedSchemaPubSub } from '../modules/realtime';
import { ERROR_CODES } from '../error-codes';
import { authChecker } from './auth-checker';
import { resolvers } from './resolvers';

// Not returned by any field, but part of the contract: clients switch on it.
const ErrorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'The extensions.code of every error a client can see.',
  values: Object.fromEntries(ERROR_CODES.map((c) => [c, { value: c }])),
});

export async function buildAppSchema(container?: ContainerType): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    container,
    validate: false,
    pubSub: unusedSchemaPubSub,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ErrorCodeEnum] });
}

/** The SDL as committed in schema.graphql (sorted, so the file diffs cleanly). */
export const printSdl = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

export const printAppSchema = async () => printSdl(await buildAppSchema());
