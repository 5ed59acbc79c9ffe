// TypeGraphQL calls a field resolver through its handler: it hands every @Arg to an async
// validator even with validation off (validate: false; services parse their input with
// zod), so a field with arguments always answers with a promise, and it copies the parent
// row into a new class instance for @Root() on every call. One promise in a list makes
// graphql-js wait for the whole list and every object above it: Image.url(width, height)
// made every card of a catalog page asynchronous. A field resolver that carries no rule
// (@Authorized, middleware) and takes only the parent, leaf arguments (scalars and enums:
// nothing to convert), the context and the info is called directly instead: the same
// instance and method, given the parent row as it is (our object types are plain data
// classes, so TypeGraphQL's copy into an instance adds nothing), the arguments as graphql-js
// coerced them, the context and the info. buildAppSchema gives TypeGraphQL no global
// middlewares, so there is nothing else to run.
import { getNamedType, isLeafType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, type ContainerType } from 'type-graphql';

type Metadata = ReturnType<typeof getMetadataStorage>;
type FieldResolverMetadata = Metadata['fieldResolvers'][number];
type Param = NonNullable<FieldResolverMetadata['params']>[number];

/** How to get one parameter from the resolver's arguments, or null when only TypeGraphQL can. */
function plainParam(param: Param): ((root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown) | null {
  switch (param.kind) {
    case 'root':
      return param.propertyName ? null : (root) => root;
    case 'arg':
      return (_root, args) => args[param.name];
    case 'context':
      return param.propertyName ? null : (_root, _args, context) => context;
    case 'info':
      return (_root, _args, _context, info) => info;
    default:
      return null;
  }
}

export function callFieldResolversDirectly(schema: GraphQLSchema, container: ContainerType): void {
  const metadata = getMetadataStorage();
  const schemaName = new Map<unknown, string>(metadata.objectTypes.map((t) => [t.target, t.name]));
  for (const def of metadata.fieldResolvers) {
    if (def.kind !== 'external' || def.roles?.length || def.middlewares?.length) continue;
    const type = schema.getType(schemaName.get(def.getObjectType?.()) ?? '');
    const field = isObjectType(type) ? type.getFields()[def.schemaName] : undefined;
    if (!field || !field.args.every((a) => isLeafType(getNamedType(a.type)))) continue;
    const getters = [...(def.params ?? [])].sort((a, b) => a.index - b.index).map(plainParam);
    if (getters.some((g) => g === null)) continue;
    const params = getters as NonNullable<(typeof getters)[number]>[];
    const method = def.methodName;
    const resolve: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (root, args, context, info) => {
      const instance = container.get(def.target, { root, args, context, info }) as Record<string, (...p: unknown[]) => unknown>;
      return instance[method]!(...params.map((get) => get(root, args, context, info)));
    };
    field.resolve = resolve;
  }
}
