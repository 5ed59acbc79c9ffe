// Watching the commands a Redis server runs, through a plain socket in MONITOR mode.
// ioredis's own monitor() loses a race: when "+OK" and the first watched line arrive in one
// chunk, it reads that line before it has switched modes and fails with "Command queue
// state error" (seen in CI while other workers kept the server busy).
import { connect } from 'node:net';

export interface MonitoredCommand {
  /** The client address that sent it, as CLIENT INFO's `addr=` gives it. */
  source: string;
  /** The command's name, lower-cased. */
  name: string;
  args: string[];
}

export interface RedisMonitor {
  stop(): void;
}

/** One MONITOR line: `+1796325616.573 [0 127.0.0.1:38804] "get" "key"`. */
function parse(line: string): MonitoredCommand | undefined {
  const head = /^\+\S+ \[\d+ (\S+)\] /.exec(line);
  if (!head) return undefined;
  const words = [...line.slice(head[0].length).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  const [name, ...args] = words;
  return name === undefined ? undefined : { source: head[1]!, name: name.toLowerCase(), args };
}

/** Starts watching; resolves once the server has confirmed MONITOR, so no later command is missed. */
export function monitorRedis(url: string, onCommand: (command: MonitoredCommand) => void): Promise<RedisMonitor> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port || 6379), hostname);
    let pending = '';
    let confirmed = false;
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.once('close', () => confirmed || reject(new Error('Redis closed the connection before confirming MONITOR')));
    socket.once('connect', () => socket.write('MONITOR\r\n'));
    socket.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\r\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (confirmed) {
          const command = parse(line);
          if (command) onCommand(command);
        } else if (line === '+OK') {
          confirmed = true;
          resolve({ stop: () => socket.destroy() });
        } else {
          socket.destroy();
          return reject(new Error(`Redis refused MONITOR: ${line}`));
        }
      }
    });
  });
}
