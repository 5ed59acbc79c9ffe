// Subscriptions as a client makes them: graphql-ws over a real WebSocket to the running app.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './support/test-app';

export interface GraphQLErrorShape {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface Subscriber<T> {
  events: T[];
  errors: GraphQLErrorShape[];
  completed: boolean;
  /** Resolves once `count` events have arrived (all of them, in arrival order). */
  received(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the first error, or rejects if none comes. */
  failed(timeoutMs?: number): Promise<GraphQLErrorShape>;
  stop(): void;
}

export interface WsResult {
  // Read field by field in tests, like GqlResult's data.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: Record<string, any> | null;
  errors: GraphQLErrorShape[];
}

export interface WsClient {
  client: Client;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Subscriber<T>;
  /** Runs one query or mutation over the socket: its data, or the errors it was refused with. */
  run(query: string, variables?: Record<string, unknown>): Promise<WsResult>;
  close(): Promise<void>;
}

/** A client signed in with an access token, or with `authorization` as given (e.g. "ApiKey ..."). */
export function wsClient(app: TestApp | string, token?: string, authorization?: string): WsClient {
  const url = (typeof app === 'string' ? app : app.url).replace(/^http/, 'ws') + '/graphql';
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return {
    client,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const sub: Subscriber<T> = {
        events: [],
        errors: [],
        completed: false,
        received: (count, timeoutMs = 10_000) =>
          until(
            () => sub.events.length >= count || sub.errors.length > 0,
            timeoutMs,
            () => `${sub.events.length} of ${count} events; errors ${JSON.stringify(sub.errors)}`,
          ).then(() => {
            if (sub.errors.length && sub.events.length < count) throw new Error(`subscription failed: ${JSON.stringify(sub.errors)}`);
            return sub.events.slice(0, count);
          }),
        failed: (timeoutMs = 10_000) =>
          until(
            () => sub.errors.length > 0,
            timeoutMs,
            () => 'no error',
          ).then(() => sub.errors[0]!),
        stop: () => undefined,
      };
      sub.stop = client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors?.length) sub.errors.push(...(result.errors as GraphQLErrorShape[]));
            const data = result.data ? Object.values(result.data)[0] : undefined;
            if (data !== undefined && data !== null) sub.events.push(data as T);
          },
          error: (err) =>
            sub.errors.push(Array.isArray(err) ? (err[0] as GraphQLErrorShape) : { message: String((err as Error)?.message ?? err) }),
          complete: () => (sub.completed = true),
        },
      );
      return sub;
    },
    run: (query, variables = {}) =>
      new Promise<WsResult>((resolve) => {
        const result: WsResult = { data: null, errors: [] };
        client.subscribe<Record<string, unknown>>(
          { query, variables },
          {
            next: (r) => {
              result.data = (r.data as WsResult['data']) ?? null;
              result.errors.push(...((r.errors ?? []) as GraphQLErrorShape[]));
            },
            error: (err) => {
              const errors = Array.isArray(err) ? (err as GraphQLErrorShape[]) : [{ message: String((err as Error)?.message ?? err) }];
              resolve({ data: null, errors: [...result.errors, ...errors] });
            },
            complete: () => resolve(result),
          },
        );
      }),
    close: () => client.dispose() as Promise<void>,
  };
}

/** Polls `check` every 20 ms until it holds, or fails with `describe()` after the timeout. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  describe: () => string = () => 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${describe()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the app has `count` subscriptions listening (they attach asynchronously). */
export const subscribersOn = (t: TestApp, count: number) =>
  until(
    () => t.app.services.changeFeed.feed.subscribers() >= count,
    10_000,
    () => `${t.app.services.changeFeed.feed.subscribers()} of ${count} subscribers`,
  );

/** The position of everything written so far (once stamped), as an eventId. */
export async function lastEventId(t: TestApp): Promise<string> {
  await allStamped(t);
  return String((await t.app.services.changeFeed.feed.bounds()).last);
}

/** Resolves once every change event written so far has a position. */
export const allStamped = (t: TestApp) =>
  until(
    async () => (await t.app.infra.prisma.changeEvent.count({ where: { position: null } })) === 0,
    10_000,
    () => 'unstamped events',
  );

export const BOOKING_UPDATED = `subscription($id: ID, $after: String) {
  bookingUpdated(id: $id, afterEventId: $after) {
    eventId kind previousStatus occurredAt
    booking { id status startsAt service { id title } customer { id } }
  }
}`;

export interface BookingEventData {
  eventId: string;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  previousStatus: string | null;
  occurredAt: string;
  booking: { id: string; status: string; startsAt: string; service: { id: string; title: string }; customer: { id: string } };
}
