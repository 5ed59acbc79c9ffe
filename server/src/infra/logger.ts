// Structured logs (pino). Secrets never reach a log line: known fields are redacted.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie', '*.refreshToken', '*.secret', '*.store_passwd'],
      censor: '[redacted]',
    },
  });
}
