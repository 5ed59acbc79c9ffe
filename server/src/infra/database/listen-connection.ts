// LISTEN on a connection of its own that comes back: when PostgreSQL restarts or the
// backend is terminated, it reconnects with backoff (100 ms doubling to 1 s) and LISTENs
// again, then calls back once with an empty payload: notifications sent meanwhile are
// lost, so the listener must look for itself.
import pg from 'pg';
import type { Logger } from '../logger';
import type { Listening } from './database';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 1000;

export async function listenConnection(url: string, channel: string, onNotify: (payload: string) => void, log: Logger): Promise<Listening> {
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let reconnecting = false;

  const open = async () => {
    const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'homeser-listen' });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify(n.payload ?? '');
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      lost(c);
      throw err;
    }
    connected = client === c;
  };

  const lost = (c: pg.Client) => {
    c.end().catch(() => undefined);
    if (client !== c) return;
    client = null;
    if (connected) log.warn({ channel }, 'LISTEN connection lost; reconnecting');
    connected = false;
    if (!closed && !reconnecting) void reconnect();
  };

  const reconnect = async () => {
    reconnecting = true;
    for (let wait = FIRST_RETRY_MS; !closed; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      if (closed) break;
      const ok = await open().then(
        () => connected,
        () => false,
      );
      if (ok) {
        reconnecting = false;
        log.info({ channel }, 'LISTEN connection back');
        onNotify('');
        return;
      }
    }
    reconnecting = false;
  };

  await open();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      connected = false;
      await c?.end().catch(() => undefined);
    },
  };
}
