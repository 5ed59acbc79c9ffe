// A real SMTP server for the email tests (smtp-server), on a fixed local port so it can
// go down and come back at the same SMTP_URL. It keeps every message it receives, parsed
// just enough to read headers and the decoded text and HTML parts.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  headers: Map<string, string>;
  messageId: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Answer every DATA with this temporary failure after reading the message (null: accept). */
  refuseWith: { code: number; message: string } | null;
  /** Wait this long before answering each DATA, so concurrent senders overlap. */
  delayMs: number;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves with the first `n` messages once they have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let server: SMTPServer | null = null;
  let port = 0;
  const sink: SmtpSink = {
    url: '',
    received: [],
    refuseWith: null,
    delayMs: 0,
    async down() {
      const closing = server;
      server = null;
      await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
    },
    async up() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        closeTimeout: 100,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            setTimeout(() => {
              const refusal = sink.refuseWith;
              if (refusal) {
                sink.received.push(
                  parseMail(
                    raw,
                    session.envelope.rcptTo.map((r) => r.address),
                  ),
                );
                return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
              }
              sink.received.push(
                parseMail(
                  raw,
                  session.envelope.rcptTo.map((r) => r.address),
                ),
              );
              callback();
            }, sink.delayMs);
          });
        },
      });
      const listening = server;
      await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', () => resolve()));
      port = (listening.server.address() as AddressInfo).port;
      sink.url = `smtp://127.0.0.1:${port}`;
    },
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (sink.received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${sink.received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return sink.received.slice(0, n);
    },
    close: () => sink.down(),
  };
  await sink.up();
  return sink;
}

// ---------------------------------------------------------------- a minimal MIME reader

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: at < 0 ? '' : raw.slice(at + 4) };
}

const qp = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') return qp(body);
  return body;
}

/** RFC 2047 encoded words, e.g. =?UTF-8?Q?Payment_received_=E2=80=94?= */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );

function parseMail(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitHead(raw);
  const parts: { type: string; content: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitHead(chunk.replace(/^\r\n/, ''));
      parts.push({
        type: part.headers.get('content-type') ?? '',
        content: decodeBody(part.body.replace(/\r\n$/, ''), part.headers.get('content-transfer-encoding')),
      });
    }
  } else {
    parts.push({ type: headers.get('content-type') ?? 'text/plain', content: decodeBody(body, headers.get('content-transfer-encoding')) });
  }
  return {
    headers,
    messageId: headers.get('message-id') ?? '',
    to,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content ?? null,
    html: parts.find((p) => p.type.startsWith('text/html'))?.content ?? null,
  };
}
