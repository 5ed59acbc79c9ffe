// The MONITOR helper the Redis-count test and bench/ rely on: it must not lose (or trip over)
// a watched command that arrives in the same chunk as the server's "+OK", the case that
// made ioredis's monitor() fail in CI.
import { createServer, type Server } from 'node:net';
import { monitorRedis, type MonitoredCommand } from './support/redis-monitor';

describe('monitorRedis', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((socket) =>
      socket.once('data', () =>
        socket.write('+OK\r\n+1796325616.573234 [0 127.0.0.1:38804] "publish" "a \\"quoted\\" key" "{}"\r\n+17963'),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `redis://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads a command that arrives in the same chunk as the confirmation, and waits for the rest of a split line', async () => {
    const seen: MonitoredCommand[] = [];
    const monitor = await monitorRedis(url, (c) => seen.push(c));
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.stop();
    expect(seen).toEqual([{ source: '127.0.0.1:38804', name: 'publish', args: ['a "quoted" key', '{}'] }]);
  });
});
