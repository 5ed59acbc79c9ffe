// SIGTERM under load: /readyz turns 503 first, then 50 keep-alive connections issuing
// requests back to back see no reset — each request is answered (the last ones with
// `Connection: close`) or, once the listener is closed, refused before it is sent —
// open subscriptions are closed with 1001, and the process exits 0.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { startAppProcess, timeUntil } from './support/app-process';
import { sleep, useOwnServers } from './support/own-servers';
import { fixtures } from './support/traffic';

const servers = useOwnServers();

const QUERY = JSON.stringify({ query: '{ categories { slug } }' });

/** One POST on the agent's keep-alive connections: its status, or the error code it failed with. */
function post(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.once('end', () => resolve(String(res.statusCode)));
      res.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    req.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end(QUERY);
  });
}

it('drains 50 busy keep-alive connections on SIGTERM without a reset, and exits 0', async () => {
  const f = await fixtures(servers.postgres, 1);
  const app = await startAppProcess({
    DATABASE_URL: f.databaseUrl,
    REDIS_URL: servers.redis.url,
    REDIS_PREFIX: `faults:${Date.now()}:`,
    SHUTDOWN_DELAY_SECONDS: '3',
  });
  try {
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const closedWith = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));

    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const outcomes = new Map<string, number>();
    let running = true;
    const loops = Array.from({ length: 50 }, async () => {
      while (running) {
        const outcome = await post(app.url, agent);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (outcome === 'ECONNREFUSED') return; // the instance is gone: a client goes elsewhere
      }
    });
    await sleep(1500);
    const beforeStop = outcomes.get('200') ?? 0;
    app.signal('SIGTERM');
    const notReady = await timeUntil(async () => (await app.readiness())?.status === 503, 3000);
    expect(notReady).toBeLessThan(3000);
    const code = await app.exited;
    running = false;
    await Promise.all(loops);
    agent.destroy();
    const summary = Object.fromEntries(outcomes);
    console.info(`SIGTERM under load: outcomes ${JSON.stringify(summary)}, 503 after ${notReady} ms, exit ${code}`);
    expect(code).toBe(0);
    expect(await closedWith).toBe(1001);
    expect((outcomes.get('200') ?? 0) - beforeStop).toBeGreaterThan(0); // served during the delay
    const resets = [...outcomes.keys()].filter((k) => k !== '200' && k !== 'ECONNREFUSED');
    expect(resets).toEqual([]);
  } finally {
    await app.stop();
  }
});
