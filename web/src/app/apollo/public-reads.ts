// Which operations are public catalog reads: they do not depend on the viewer, so they go
// as GET with a persisted-query hash and without credentials, and the server's response
// cache can answer them (docs/architecture.md, "Performance").
import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';

const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'categories',
  'services',
  'service',
  'provider',
  'availableSlots',
  'serviceScheduling',
  'topProviders',
]);

// Arguments whose answer depends on who asks (only admins see archived categories): a read
// that uses one goes with the viewer's credentials, like any private read.
const VIEWER_ARGUMENTS: ReadonlySet<string> = new Set(['includeArchived']);

export function isPublicRead(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== OperationTypeNode.QUERY) return false;
  return operations[0].selectionSet.selections.every(
    (s) =>
      s.kind === Kind.FIELD &&
      (s.name.value === '__typename' || PUBLIC_ROOT_FIELDS.has(s.name.value)) &&
      !s.arguments?.some((a) => VIEWER_ARGUMENTS.has(a.name.value)),
  );
}
