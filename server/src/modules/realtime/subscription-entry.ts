// How a subscription starts. TypeGraphQL calls `subscribe` as a plain function, without
// the container that holds this app's resolver instance (two apps in one process, as in
// the tests, have two); the field's own resolver does go through the container, so it is
// asked once, with a lookup as its root, to hand its instance over.
//
// API-key scopes and error codes are the operation policy's (graphql/ws-pipeline.ts), as
// for every other operation.
import type { GraphQLResolveInfo } from 'graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { AppContext } from '../../graphql/context';
import { STREAM_ERROR, type StreamError } from './feed-subscription';
import type { Delivery } from './realtime.service';

const LOOKUP = Symbol('realtime.lookup');
interface Lookup<R> {
  [LOOKUP]: (resolver: R) => void;
}

const isLookup = <R>(root: unknown): root is Lookup<R> => typeof root === 'object' && root !== null && LOOKUP in root;

/** In a subscription method: hands the instance to a lookup, or passes the event through. */
export function deliver<R, T>(resolver: R, root: T): T {
  if (isLookup<R>(root)) root[LOOKUP](resolver);
  // A stream ends for a reason the client should see (e.g. its session was revoked). A
  // symbol key, not instanceof: TypeGraphQL copies the root into the field's class.
  if (typeof root === 'object' && root !== null && STREAM_ERROR in root) throw (root as StreamError)[STREAM_ERROR];
  return root;
}

type Subscribe = (data: SubscribeResolverData<unknown, Record<string, unknown>, unknown>) => Promise<AsyncIterable<unknown>>;

export interface Opening<A> {
  args: A;
  context: AppContext;
}

/** A `subscribe` function that runs `open` on this app's resolver instance. */
export function opening<R, A>(open: (resolver: R, data: Opening<A>) => Promise<AsyncIterable<unknown>>): Subscribe {
  return async ({ args, context, info }) => {
    const resolver = await resolverOf<R>(info, args, context);
    return open(resolver, { args: args as A, context: context as AppContext });
  };
}

/** Each delivery's field resolvers use the loaders shared by that event's subscribers (see RealtimeService). */
export const deliveryFor = (context: AppContext): Delivery => ({
  use: (loaders) => void (context.loaders = loaders),
});

async function resolverOf<R>(info: GraphQLResolveInfo, args: Record<string, unknown>, context: unknown): Promise<R> {
  let found: R | undefined;
  const lookup: Lookup<R> = { [LOOKUP]: (resolver) => (found = resolver) };
  await info.parentType.getFields()[info.fieldName]?.resolve?.(lookup, args, context, info);
  if (found === undefined) throw new Error(`No resolver instance answered for ${info.fieldName}`);
  return found;
}
