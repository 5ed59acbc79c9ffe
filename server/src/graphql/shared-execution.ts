// Subscriptions over graphql-ws, executed once per audience instead of once per subscriber.
//
// graphql-js's own `subscribe` executes the operation's selection set for every event at
// every subscriber. Here an event object handed to many subscribers (the realtime module
// builds one per change for all of this instance's subscribers) is executed once for each
// distinct (document, variables, viewer) and every subscriber in that audience receives
// the same result object. The viewer is part of the key because field resolvers may
// answer differently per viewer (e.g. Booking.actions); nothing else in the context
// changes what a field returns. Values that are not shared objects (a stream's ending
// error) are executed for their own subscriber, as before.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { AppContext } from './context';

type Result = ExecutionResult | Promise<ExecutionResult>;

// Per event object, its results by audience; an entry lives as long as the event does.
const results = new WeakMap<object, Map<string, Result>>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/** Who the result is for: everything about the operation and caller a field resolver may depend on. */
function audienceOf(args: ExecutionArgs): string {
  let documentId = documentIds.get(args.document);
  if (documentId === undefined) documentIds.set(args.document, (documentId = nextDocumentId++));
  const viewer = (args.contextValue as AppContext | undefined)?.viewer;
  const who = viewer ? `${viewer.userId}:${viewer.role}:${viewer.apiKey?.id ?? ''}` : '';
  return `${documentId}:${args.operationName ?? ''}:${JSON.stringify(args.variableValues ?? {})}:${who}`;
}

function executeFor(event: unknown, audience: string, args: ExecutionArgs): Result {
  if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
  let byAudience = results.get(event);
  if (!byAudience) results.set(event, (byAudience = new Map()));
  let result = byAudience.get(audience);
  if (!result) byAudience.set(audience, (result = Promise.resolve(execute({ ...args, rootValue: event })).then(forTheWire)));
  return result;
}

/**
 * graphql-js builds result objects without a prototype (dictionary-mode objects to V8),
 * which JSON.stringify walks on its slow path, and graphql-ws stringifies each subscriber's
 * message on its own: a shared result is rebuilt once as plain objects for all of them.
 * Results with errors keep their GraphQLError instances for the error formatter.
 */
const forTheWire = (result: ExecutionResult): ExecutionResult =>
  result.errors?.length ? result : (JSON.parse(JSON.stringify(result)) as ExecutionResult);

/** For graphql-ws's `subscribe` option: graphql-js's subscribe, with results shared per audience. */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source; // the field's subscribe refused: errors
  const events = source[Symbol.asyncIterator]();
  const audience = audienceOf(args);
  const close = async () => {
    await events.return?.();
    return { value: undefined, done: true } as const;
  };
  // graphql-ws ends a stream with return() when the client completes it or disconnects.
  const stream: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const next = await events.next();
      if (next.done) return { value: undefined, done: true };
      try {
        return { value: await executeFor(next.value, audience, args), done: false };
      } catch (err) {
        await close().catch(() => undefined);
        throw err;
      }
    },
    return: close,
    async throw(err: unknown) {
      await close();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return stream;
}
