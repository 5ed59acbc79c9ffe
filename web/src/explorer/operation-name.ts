// What the explorer sends, read from the text itself: GraphiQL hands the fetcher its last parse
// of the editor and the operation name from it, which can lag the text (type, then run at once).
import { Kind, parse, type DocumentNode } from 'graphql';

export interface SentOperation {
  /** The given name if the document has it, else its only operation's (null when that one is anonymous). */
  operationName: string | null | undefined;
  /** The text parsed; undefined when it does not parse (the server then says what is wrong). */
  document: DocumentNode | undefined;
}

export function sentOperation(query: string, given: string | null | undefined): SentOperation {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { operationName: given, document: undefined };
  }
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));
  if (given && names.includes(given)) return { operationName: given, document };
  return { operationName: names.length === 1 ? (names[0] ?? null) : given, document };
}
