// Structured logs (pino): JSON lines for machines, pretty coloured lines in a terminal.
// Secrets never reach a log line: known fields are redacted wherever they appear.
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerOptions {
  format?: LogFormat;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

const secretFields = ['password', 'newPassword', 'accessToken', 'refreshToken', 'token', 'secret', 'authorization', 'cookie'];
const gatewayFields = ['store_passwd', 'card_no', 'card_number', 'cvv', 'val_id'];

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'auto';
  const destination =
    options.destination ?? (format === 'pretty' || (format === 'auto' && process.stdout.isTTY) ? prettyStdout() : undefined);
  return pino(
    {
      level,
      redact: {
        paths: [
          ...[...secretFields, ...gatewayFields].flatMap((f) => [f, `*.${f}`]),
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

function prettyStdout(): pino.DestinationStream {
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
}
