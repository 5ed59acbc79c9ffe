// One client process of the fan-out bench (bench/fanout.ts forks several): opens COUNT
// WebSocket connections with one subscription each and reports when each event arrived.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.BENCH_WS_URL!;
const count = Number(process.env.BENCH_COUNT);
const serviceId = process.env.BENCH_SERVICE_ID!;
const adminToken = process.env.BENCH_ADMIN_TOKEN!;
const adminShare = Number(process.env.BENCH_ADMIN_SHARE ?? 0.1);

const AVAILABILITY = `subscription($s: ID!) { availabilityChanged(serviceId: $s) { eventId from to } }`;
const BOOKINGS = `subscription { bookingUpdated { eventId kind booking { id status service { title } } } }`;

let since = 0;
let arrivals: number[] = [];

// Connections open in small batches: ten thousand handshakes at once would time out their
// connection_init on two shared cores; the bench measures idle subscribers, not a stampede.
const BATCH = 50;
const BATCH_PAUSE_MS = 100;

function open(i: number) {
  const admin = i < count * adminShare;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: admin ? { authorization: `Bearer ${adminToken}` } : {},
    retryAttempts: 5,
    lazy: false,
  });
  client.subscribe(admin ? { query: BOOKINGS } : { query: AVAILABILITY, variables: { s: serviceId } }, {
    next: () => void (since && arrivals.push(Date.now() - since)),
    error: (err) => process.send?.({ error: String((err as Error)?.message ?? JSON.stringify(err)) }),
    complete: () => undefined,
  });
}

void (async () => {
  for (let i = 0; i < count; i++) {
    open(i);
    if (i % BATCH === BATCH - 1) await new Promise((r) => setTimeout(r, BATCH_PAUSE_MS));
  }
})();

process.on('message', (m: { mark?: number; report?: boolean }) => {
  if (m.mark) {
    since = m.mark;
    arrivals = [];
  }
  if (m.report) process.send?.({ arrivals });
});
process.send?.({ opened: count });
