// What an operation policy finds in a document depends on the schema and the document alone,
// and both transports reuse one parsed document per query text: work it out once per pair.
import type { DocumentNode, GraphQLSchema } from 'graphql';

export function perDocument<T>(compute: (schema: GraphQLSchema, document: DocumentNode) => T) {
  const found = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, T>>();
  return (schema: GraphQLSchema, document: DocumentNode): T => {
    let ofSchema = found.get(schema);
    if (!ofSchema) found.set(schema, (ofSchema = new WeakMap()));
    if (!ofSchema.has(document)) ofSchema.set(document, compute(schema, document));
    return ofSchema.get(document)!;
  };
}
