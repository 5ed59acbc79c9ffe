// What rings the stamper: PostgreSQL's (or PGlite's) LISTEN on the triggers' pg_notify, and
// Supabase Realtime's postgres_changes on change_event when SUPABASE_URL is set. A doorbell
// only says "look": whatever rang, the stamper reads the table.
import { RealtimeClient, REALTIME_SUBSCRIBE_STATES, type WebSocketLikeConstructor } from '@supabase/realtime-js';
import WebSocket from 'ws';
import type { Database } from '../database';
import type { Logger } from '../logger';

export type Ring = () => void;

// Node 20 has no global WebSocket: realtime-js takes `ws` as its transport. ws's event
// types are its own, not the DOM's that realtime-js declares; the runtime shape matches.
const transport = WebSocket as unknown as WebSocketLikeConstructor;
export interface Doorbell {
  /** Whether it can ring now (a LISTEN connection being re-established cannot). */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** The channel every change_event trigger notifies with the new event's id. */
export const CHANGE_CHANNEL = 'change_event';

export async function listenDoorbell(database: Database, ring: Ring): Promise<Doorbell> {
  // An empty payload is the reconnected connection's own call: look, something may have been missed.
  return database.listen(CHANGE_CHANNEL, () => ring());
}

export interface SupabaseDoorbellOptions {
  /** The project URL (https://xyz.supabase.co); Realtime lives under /realtime/v1. */
  url: string;
  /** The service role key: Realtime then reads change_event past row-level security. */
  key: string;
  log: Logger;
}

export function supabaseDoorbell(options: SupabaseDoorbellOptions, ring: Ring): Doorbell {
  const endpoint = `${options.url.replace(/^http/, 'ws').replace(/\/$/, '')}/realtime/v1`;
  const client = new RealtimeClient(endpoint, { transport, params: { apikey: options.key } });
  void client.setAuth(options.key);
  let connected = false;
  const channel = client
    .channel('homeser-change-feed')
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: CHANGE_CHANNEL }, () => ring())
    .subscribe((status, err) => {
      connected = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
      if (connected) {
        options.log.info('change feed: Supabase Realtime doorbell subscribed');
        ring(); // catch up on whatever happened before the channel joined
      } else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED) {
        options.log.warn({ status, err: err?.message }, 'change feed: Supabase Realtime channel trouble; the safety net still stamps');
      }
    });
  return {
    get connected() {
      return connected;
    },
    async close() {
      // Closing the socket ends the channel too; leaving first would wait for a reply.
      void channel;
      await client.disconnect().catch(() => undefined);
    },
  };
}
