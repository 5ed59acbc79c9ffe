// One client process of the fan-out bench (bench/fanout.ts forks several): opens COUNT
// WebSocket connections with one subscription each and reports when each event arrived.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.BENCH_WS_URL!;
const count = Number(process.env.BENCH_COUNT);
const serviceId = process.env.BENCH_SERVICE_ID!;
const adminToken = process.env.BENCH_ADMIN_TOKEN!;
const adminShare = Number(process.env.BENCH_ADMIN_SHARE ?? 0.1);
// Connections still opening at once from this process: the ramp follows the server's pace
// (a new one starts when one is acknowledged) instead of a fixed rate that a loaded
// machine cannot keep; the bench measures idle subscribers, not a stampede.
const OPENING = Number(process.env.BENCH_OPENING ?? 25);

const AVAILABILITY = `subscription($s: ID!) { availabilityChanged(serviceId: $s) { eventId from to } }`;
const BOOKINGS = `subscription { bookingUpdated { eventId kind booking { id status service { title } } } }`;

let since = 0;
let arrivals: number[] = [];
let acknowledged = 0;
const problems = new Map<string, number>();
const note = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);

function open(i: number): Promise<void> {
  const admin = i < count * adminShare;
  return new Promise((connected) => {
    setTimeout(connected, 30_000).unref(); // a connection still retrying does not hold up the rest
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: admin ? { authorization: `Bearer ${adminToken}` } : {},
      retryAttempts: 20,
      lazy: false,
      on: {
        connected: () => {
          acknowledged++;
          connected();
        },
        closed: (event) => note(`closed ${(event as { code?: number }).code ?? '?'}`),
        error: (err) => note(`socket error ${(err as { message?: string })?.message ?? (err as { type?: string })?.type ?? '?'}`),
      },
    });
    client.subscribe(admin ? { query: BOOKINGS } : { query: AVAILABILITY, variables: { s: serviceId } }, {
      next: () => void (since && arrivals.push(Date.now() - since)),
      error: (err) => process.send?.({ error: String((err as Error)?.message ?? JSON.stringify(err)) }),
      complete: () => undefined,
    });
  });
}

void (async () => {
  let next = 0;
  const lane = async () => {
    while (next < count) await open(next++);
  };
  await Promise.all(Array.from({ length: Math.min(OPENING, count) }, lane));
})();

process.on('message', (m: { mark?: number; report?: boolean }) => {
  if (m.mark) {
    since = m.mark;
    arrivals = [];
  }
  if (m.report) {
    const cpu = process.cpuUsage();
    process.send?.({ arrivals, acknowledged, problems: Object.fromEntries(problems), cpuMs: (cpu.user + cpu.system) / 1000 });
  }
});
