// A stop a load balancer can follow, for the raw HTTP server: stop accepting, answer every
// request still arriving on an open keep-alive connection (in flight or queued) with
// `Connection: close` so the connection ends after its response, end connections that stay
// idle, and destroy whatever is left after the deadline. Node's own server.close() would
// destroy idle keep-alive connections at once, resetting a request already on its way.
import { Server as NetServer, type Socket } from 'node:net';
import type { Server } from 'node:http';

// An idle connection gets this long to carry one more request before it is ended.
const IDLE_GRACE_MS = 1000;
const DEADLINE_MS = 10_000;

export interface GracefulStop {
  /** Resolves once every connection has ended (or been destroyed at the deadline). */
  drain(): Promise<void>;
}

export function gracefulStop(server: Server): GracefulStop {
  const active = new Map<Socket, number>(); // open connections → requests in progress
  let draining = false;
  let wake: (() => void) | null = null;
  const settle = () => active.size === 0 && wake?.();

  // Connections accepted before this was attached (the app listens before it is ready) are
  // taken on at their next request.
  const track = (socket: Socket) => {
    if (active.has(socket)) return;
    active.set(socket, 0);
    socket.once('close', () => {
      active.delete(socket);
      settle();
    });
  };
  server.on('connection', track);
  // Upgraded sockets (WebSockets) are closed by their own server with 1001; they stay counted until then.
  // Runs before the app's listener, so the header is set before anything is written.
  server.prependListener('request', (req, res) => {
    const socket = req.socket;
    track(socket);
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      if (active.has(socket)) active.set(socket, Math.max(0, (active.get(socket) ?? 1) - 1));
    });
  });

  return {
    async drain() {
      draining = true;
      // net.Server's close: stop accepting, without http.Server's destroying of idle connections.
      NetServer.prototype.close.call(server);
      const ended = new Promise<void>((resolve) => (wake = resolve));
      settle();
      const idle = setTimeout(() => {
        for (const [socket, requests] of active) if (requests === 0) socket.destroy();
      }, IDLE_GRACE_MS);
      const deadline = setTimeout(() => {
        for (const socket of active.keys()) socket.destroy();
      }, DEADLINE_MS);
      await ended;
      clearTimeout(idle);
      clearTimeout(deadline);
    },
  };
}
