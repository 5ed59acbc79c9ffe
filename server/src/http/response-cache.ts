// The edge cache: anonymous `GET /graphql` reads of public catalog data answered from
// memory on the raw HTTP server, before Express and Apollo (docs/architecture.md "Performance":
// executed GraphQL reaches ~5% of a bare route here; a replayed response ~100%).
//
// - Only GETs without Authorization, carrying Apollo's CSRF preflight header, whose every
//   root field is one the source lists (catalog queries) are kept; a response is stored
//   only when it is a 200 without errors or cookies. Keyed by URL (query + variables, or a
//   persisted-query hash), Origin and Accept, since CORS and content type follow them.
// - Invalidation: entries carry a tag of the local write count and the shared catalog
//   version. Local writes drop everything at once (onChange); other instances' writes are
//   seen when the version is polled, at most once a second, so they show within ~1 s; the
//   TTL bounds everything else (e.g. an owner's renamed profile shown inside a provider).
// - Concurrent misses of one key wait for the first one's answer instead of all executing.
// - Hits are not logged (one log line per hit would cost more than the hit itself).
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Kind, parse, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Where the cache learns what it may keep and when that changed (the catalog service). */
export interface PublicReadSource {
  readonly publicQueries: ReadonlySet<string>;
  version(): Promise<number>;
  onChange(listener: () => void): () => void;
}

export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxBytes?: number;
  versionCheckMs?: number;
}

interface Entry {
  tag: string;
  etag: string | undefined;
  /** Flat header list for writeHead: name, value, name, value ... */
  head: string[];
  body: Buffer;
}

const DROPPED_HEADERS = new Set([
  'x-request-id',
  'set-cookie',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'x-cache',
]);
const SANE_REQUEST_ID = /^[\w.-]{8,64}$/;

export function createResponseCache(source: PublicReadSource, options: ResponseCacheOptions) {
  const ttl = options.ttlSeconds * 1000;
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length + 512,
    ttl: Math.max(ttl, 1),
  });
  const decisions = new LRUCache<string, boolean>({ max: 2000 });
  /** Keys being computed now: followers wait for the leader's answer. */
  const inFlight = new Map<string, Promise<void>>();
  const version = { local: 0, remote: undefined as number | undefined, checkedAt: 0, checking: false, polls: 0 };
  const tag = () => `${version.local}:${version.remote}`;

  // A local write has just bumped the shared version too: until it is read back, nothing is
  // stored (else the new version, once seen, would retire answers computed after the write).
  source.onChange(() => {
    version.local++;
    version.remote = undefined;
    entries.clear();
    checkVersionSoon(true);
  });

  function checkVersionSoon(force = false): void {
    if (!force && (version.checking || Date.now() - version.checkedAt < (options.versionCheckMs ?? 1000))) return;
    const poll = ++version.polls;
    const local = version.local;
    version.checking = true;
    version.checkedAt = Date.now();
    source
      .version()
      .then((v) => {
        if (poll !== version.polls || local !== version.local) return; // superseded by a write or a newer poll
        if (v !== version.remote) entries.clear();
        version.remote = v;
      })
      .catch(() => undefined)
      .finally(() => {
        if (poll === version.polls) version.checking = false;
      });
  }

  /** Root fields of the operation, all public? Decided once per persisted-query hash. */
  function isPublicRead(url: string): boolean {
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    // Free-slot filters change with every booking, not with the catalog version: never kept.
    if (/availableFrom|availableTo/.test(`${params.get('query') ?? ''}${params.get('variables') ?? ''}`)) return false;
    const query = params.get('query');
    const hash = persistedQueryHash(params.get('extensions'));
    if (!query) return hash ? (decisions.get(hash) ?? false) : false;
    const decision = rootFieldsArePublic(query, params.get('operationName'), source.publicQueries);
    if (hash && createHash('sha256').update(query).digest('hex') === hash) decisions.set(hash, decision);
    return decision;
  }

  function replay(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    if (entry.etag && req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, ['ETag', entry.etag, 'X-Request-Id', requestId]).end();
      return;
    }
    res.writeHead(200, [...entry.head, 'X-Request-Id', requestId]).end(entry.body);
  }

  function store(key: string, startedWith: string, res: ServerResponse, body: Buffer): void {
    if (startedWith !== tag() || res.statusCode !== 200 || res.getHeader('set-cookie')) return;
    if (!String(res.getHeader('content-type') ?? '').includes('json') || !hasDataWithoutErrors(body)) return;
    const head: string[] = [];
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      for (const v of Array.isArray(value) ? value : [value]) head.push(name, String(v));
    }
    head.push('content-length', String(body.length), 'x-cache', 'HIT');
    const etag = res.getHeader('etag');
    entries.set(key, { tag: startedWith, etag: typeof etag === 'string' ? etag : undefined, head, body });
  }

  return {
    /** Wraps the app's request listener: `createServer(cache.handle(app))`. */
    handle(next: RequestListener): RequestListener {
      if (ttl <= 0) return next;
      return (req, res) => {
        const url = req.url ?? '';
        const eligible =
          req.method === 'GET' &&
          url.startsWith('/graphql?') &&
          !req.headers.authorization &&
          (req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined);
        if (!eligible) return next(req, res);
        checkVersionSoon();
        const key = `${req.headers.origin ?? ''}\n${req.headers.accept ?? ''}\n${url}`;
        const hit = entries.get(key);
        if (hit && hit.tag === tag()) return replay(req, res, hit);
        if (!isPublicRead(url) || version.remote === undefined) return next(req, res);
        const leader = inFlight.get(key);
        if (leader) {
          void leader.then(() => {
            const entry = entries.get(key);
            return entry && entry.tag === tag() ? replay(req, res, entry) : next(req, res);
          });
          return;
        }
        const startedWith = tag(); // a write during execution leaves this answer unstored
        res.setHeader('X-Cache', 'MISS');
        inFlight.set(
          key,
          new Promise<void>((resolve) => {
            captureBody(res, (body) => store(key, startedWith, res, body));
            res.once('close', () => {
              inFlight.delete(key);
              resolve();
            });
          }),
        );
        next(req, res);
      };
    },
    /** Entries held now (tests and metrics). */
    size: () => entries.size,
  };
}

function persistedQueryHash(extensions: string | null): string | undefined {
  if (!extensions) return undefined;
  try {
    const hash = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery?.sha256Hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

function rootFieldsArePublic(query: string, operationName: string | null, publicQueries: ReadonlySet<string>): boolean {
  let document;
  try {
    document = parse(query, { maxTokens: 5000 });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (operation?.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const allPublic = (set: SelectionSetNode, depth = 0): boolean =>
    depth < 10 &&
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__typename' || publicQueries.has(s.name.value);
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
      return inner !== undefined && allPublic(inner, depth + 1);
    });
  return allPublic(operation.selectionSet);
}

function hasDataWithoutErrors(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { data?: unknown; errors?: unknown };
    return parsed.errors === undefined && parsed.data !== undefined && parsed.data !== null;
  } catch {
    return false;
  }
}

/** Collects what the app writes to res, then hands the whole body over once it is sent. */
function captureBody(res: ServerResponse, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
  res.once('finish', () => done(Buffer.concat(chunks)));
}
