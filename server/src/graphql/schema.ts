// Builds the executable schema from every module's resolvers.
import { GraphQLEnumType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type ContainerType } from 'type-graphql';
import { unusedSchemaPubSub } from '../modules/realtime';
import { ERROR_CODES } from '../error-codes';
import { authChecker } from './auth-checker';
import { DateTimeScalar } from './date-time-scalar';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { resolvers } from './resolvers';

// Not returned by any field, but part of the contract: clients switch on it.
const ErrorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'The extensions.code of every error a client can see.',
  values: Object.fromEntries(ERROR_CODES.map((c) => [c, { value: c }])),
});

export async function buildAppSchema(container?: ContainerType): Promise<GraphQLSchema> {
  // A plain @Field reads its property. TypeGraphQL would still give each one a resolver that
  // runs its middleware dispatcher (a closure and an object per field of every row, 4–5% of
  // a warm catalog page's CPU); simple resolvers leave those fields to graphql-js's default.
  // Authorization stays on queries, mutations and field resolvers, which this does not touch.
  const metadata = getMetadataStorage();
  for (const type of metadata.objectTypes) type.simpleResolvers ??= true;
  const schema = await buildSchema({
    resolvers,
    authChecker,
    container,
    validate: false,
    pubSub: unusedSchemaPubSub,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  assertPlainFieldsUnguarded(metadata);
  if (container) callFieldResolversDirectly(schema, container);
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ErrorCodeEnum] });
}

/** A rule put on a plain field would be skipped by a simple resolver: refuse to build instead. */
function assertPlainFieldsUnguarded(metadata: ReturnType<typeof getMetadataStorage>): void {
  const resolved = new Set(metadata.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`));
  for (const type of [...metadata.objectTypes, ...metadata.interfaceTypes]) {
    for (const field of type.fields ?? []) {
      if (resolved.has(`${field.target.name}.${field.name}`) || field.simple === false) continue;
      if (field.roles?.length || field.middlewares?.length) {
        throw new Error(
          `${type.name}.${field.name}: @Authorized/@UseMiddleware on a plain field; give the field simple: false or put the rule on a @FieldResolver`,
        );
      }
    }
  }
}

/** The SDL as committed in schema.graphql (sorted, so the file diffs cleanly). */
export const printSdl = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

export const printAppSchema = async () => printSdl(await buildAppSchema());
