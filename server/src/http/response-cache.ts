// The edge cache: anonymous reads of public data (`GET /graphql?…` and `POST /graphql`)
// answered from memory on the raw HTTP server, before Express and Apollo (docs/architecture.md
// "Performance": executed GraphQL reaches a few % of a bare route here; a replayed response ~100%).
//
// - Eligible: no Authorization (cookies are ignored: no query reads one, only the refresh
//   mutations do), a GET carrying Apollo's CSRF preflight header or a JSON POST of at most
//   MAX_POST_BYTES, a query (never a mutation or subscription) whose every root field is one
//   the sources list. GET and POST of one operation share an entry.
// - Key: the document as graphql-js prints it (whitespace, commas and comments do not
//   matter) + the operation name + the variables with sorted keys, with Origin and Accept
//   (CORS and content type follow them). A persisted-query hash stands for the document it
//   was seen with; a body whose hash does not match its query is left to Apollo, which refuses it.
// - Policy: an entry is stored only from a 200 with data and no errors, i.e. from a request
//   that passed the parser's token limit, the validation rules (depth, aliases, cost) and the
//   input guard. Those depend on the document and the variables alone, which the key is, and
//   every distinct raw document is parsed here with the same token limit before its key is
//   trusted, so a hit is only ever the answer to a request the policy admitted. A hit spends
//   the caller's request budget like a miss (`admit`); refused, it goes on to Express, whose
//   rate limit answers it as it would any request.
// - Invalidation: entries carry a tag of the local write count and the shared catalog
//   version. Local writes drop everything at once (onChange); other instances' writes are
//   seen when the version is polled, at most once a second, so they show within ~1 s; the
//   TTL bounds everything else (e.g. an owner's renamed profile shown inside a provider).
// - Concurrent misses of one key wait for the first one's answer instead of all executing.
// - Hits are not logged (one log line per hit would cost more than the hit itself).
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Kind, parse, print, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { MAX_TOKENS } from '../graphql/operation-policy';

/** Where the cache learns what it may keep and when that changed (the catalog service). */
export interface PublicReadSource {
  readonly publicQueries: ReadonlySet<string>;
  /** Changes after every committed write that can change a kept answer, on any instance. */
  version(): Promise<number | string>;
  onChange(listener: () => void): () => void;
}

export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxBytes?: number;
  versionCheckMs?: number;
  /** Spends the caller's request budget for a hit; false when the budget is used up. */
  admit?: (req: IncomingMessage) => Promise<boolean>;
}

interface Entry {
  tag: string;
  etag: string | undefined;
  /** Flat header list for writeHead: name, value, name, value ... */
  head: string[];
  body: Buffer;
}

/** A request's operation, as far as the key goes. */
interface Operation {
  query: string | undefined;
  hash: string | undefined;
  operationName: string | null;
  variables: unknown;
}

/** Larger POST bodies are left to Express untouched (Apollo Client's catalog queries are ~1 KB). */
export const MAX_POST_BYTES = 16 * 1024;

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
/** Free-slot filters change with every booking, not with the catalog version: never kept. */
const FREE_SLOT_FILTER = /availableFrom|availableTo/;
const EDGE_BODY = Symbol('body read at the edge');

/** The JSON text of a POST body the edge has already read off the socket (Express must not read it again). */
export function bodyReadAtEdge(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { [EDGE_BODY]?: string })[EDGE_BODY];
}

export function createResponseCache(source: PublicReadSource, options: ResponseCacheOptions) {
  const ttl = options.ttlSeconds * 1000;
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.body.length + 512,
    ttl: Math.max(ttl, 1),
  });
  /** Raw document (with its operation name) → printed document, or null when it may not be kept. */
  const documents = new LRUCache<string, { printed: string | null; sha256: string }>({
    maxSize: 8 * 1024 * 1024,
    sizeCalculation: (d, raw) => raw.length + (d.printed?.length ?? 0) + 100,
  });
  /** Persisted-query hash → the printed document it was seen with (only public ones). */
  const persisted = new LRUCache<string, string>({ max: 2000 });
  /** Raw GET URL or POST body → its key without Origin/Accept; only eligible ones are remembered. */
  const requestKeys = new LRUCache<string, string>({
    maxSize: 16 * 1024 * 1024,
    sizeCalculation: (key, raw) => raw.length + key.length + 100,
  });
  /** Keys being computed now: followers wait for the leader's answer. */
  const inFlight = new Map<string, Promise<void>>();
  const version = { local: 0, remote: undefined as number | string | undefined, checkedAt: 0, checking: false, polls: 0 };
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

  /**
   * The operation's key (without Origin/Accept), or undefined when it may not be kept. Each
   * distinct raw document is parsed once, with the policy's token limit.
   */
  function keyOf(op: Operation): string | undefined {
    let printed: string | null | undefined;
    if (op.query !== undefined) {
      const raw = `${op.operationName ?? ''}\n${op.query}`;
      let document = documents.get(raw);
      if (!document) {
        document = {
          printed: publicDocument(op.query, op.operationName, source.publicQueries),
          sha256: createHash('sha256').update(op.query).digest('hex'),
        };
        documents.set(raw, document);
      }
      if (op.hash !== undefined && op.hash !== document.sha256) return undefined; // Apollo refuses a mismatch
      printed = document.printed;
      if (printed !== null && op.hash !== undefined) persisted.set(op.hash, printed);
    } else if (op.hash !== undefined) {
      printed = persisted.get(op.hash);
    }
    if (!printed) return undefined;
    const variables = canonicalJson(op.variables ?? {});
    if (variables === undefined || FREE_SLOT_FILTER.test(printed) || FREE_SLOT_FILTER.test(variables)) return undefined;
    return `${printed}\n${op.operationName ?? ''}\n${variables}`;
  }

  function keyOfUrl(url: string): string | undefined {
    const known = requestKeys.get(url);
    if (known !== undefined) return known;
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    const variables = params.get('variables');
    const op = {
      query: params.get('query') ?? undefined,
      hash: persistedQueryHash(jsonOrUndefined(params.get('extensions'))),
      operationName: params.get('operationName'),
      variables: variables === null ? {} : jsonOrUndefined(variables),
    };
    if (op.variables === undefined) return undefined;
    const key = keyOf(op);
    if (key !== undefined) requestKeys.set(url, key);
    return key;
  }

  function keyOfBody(text: string): string | undefined {
    const known = requestKeys.get(text);
    if (known !== undefined) return known;
    const body = jsonOrUndefined(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if ((query !== undefined && typeof query !== 'string') || (operationName != null && typeof operationName !== 'string')) {
      return undefined;
    }
    const key = keyOf({ query, hash: persistedQueryHash(extensions), operationName: operationName ?? null, variables });
    if (key !== undefined) requestKeys.set(text, key);
    return key;
  }

  function replay(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    if (req.method === 'GET' && entry.etag && req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, ['ETag', entry.etag, 'X-Request-Id', requestId]).end();
      return;
    }
    res.writeHead(200, [...entry.head, 'X-Request-Id', requestId]).end(entry.body);
  }

  /** A hit spends the caller's budget first; a refused one goes on to Express, which answers it RATE_LIMITED. */
  function admitted(req: IncomingMessage, res: ServerResponse, entry: Entry, next: RequestListener): void {
    if (!options.admit) return replay(req, res, entry);
    options.admit(req).then(
      (allowed) => (allowed ? replay(req, res, entry) : next(req, res)),
      () => next(req, res),
    );
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

  function answer(req: IncomingMessage, res: ServerResponse, next: RequestListener, operationKey: string | undefined): void {
    if (operationKey === undefined) return next(req, res);
    checkVersionSoon();
    const key = `${req.headers.origin ?? ''}\n${req.headers.accept ?? ''}\n${operationKey}`;
    const hit = entries.get(key);
    if (hit && hit.tag === tag()) return admitted(req, res, hit, next);
    if (version.remote === undefined) return next(req, res);
    const leader = inFlight.get(key);
    if (leader) {
      void leader.then(() => {
        const entry = entries.get(key);
        return entry && entry.tag === tag() ? admitted(req, res, entry, next) : next(req, res);
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
  }

  return {
    /** Wraps the app's request listener: `createServer(cache.handle(app))`. */
    handle(next: RequestListener): RequestListener {
      if (ttl <= 0) return next;
      return (req, res) => {
        const url = req.url ?? '';
        if (req.headers.authorization) return next(req, res);
        if (req.method === 'GET') {
          const preflight = req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined;
          return preflight && url.startsWith('/graphql?') ? answer(req, res, next, keyOfUrl(url)) : next(req, res);
        }
        if (req.method !== 'POST' || (url !== '/graphql' && url !== '/graphql/') || !readableJson(req)) return next(req, res);
        const read = bodyReadAtEdge(req); // by another cache in front of this one (tests stack two)
        if (read !== undefined) return answer(req, res, next, keyOfBody(read));
        const chunks: Buffer[] = [];
        req.once('error', () => undefined); // the client went away mid-body: nothing to answer
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.once('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          (req as IncomingMessage & { [EDGE_BODY]?: string })[EDGE_BODY] = text;
          answer(req, res, next, keyOfBody(text));
        });
      };
    },
    /** Entries held now (tests and metrics). */
    size: () => entries.size,
  };
}

/** A JSON POST body small enough to read here, in UTF-8, not compressed. */
function readableJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  const length = Number(req.headers['content-length']);
  return (
    /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type) &&
    req.headers['content-encoding'] === undefined &&
    Number.isInteger(length) &&
    length > 0 &&
    length <= MAX_POST_BYTES
  );
}

function jsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function persistedQueryHash(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one key; undefined for what is not JSON data. */
function canonicalJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson);
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  const parts: string[] = [];
  for (const name of Object.keys(value).sort()) {
    const item = canonicalJson((value as Record<string, unknown>)[name]);
    if (item === undefined) return undefined;
    parts.push(`${JSON.stringify(name)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The printed document when its selected operation is a query whose root fields are all
 * public, else null. The whole document is printed, not just the operation: two raw documents
 * share a key only when they are the same document, so validation decides the same for both.
 */
function publicDocument(query: string, operationName: string | null, publicQueries: ReadonlySet<string>): string | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS, noLocation: true });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (operation?.operation !== 'query') return null;
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
  return allPublic(operation.selectionSet) ? print(document) : null;
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
