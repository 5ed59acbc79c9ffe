// Relay-style pages without the transport: page sizes, opaque cursors and connections.
// graphql/common.types.ts declares the GraphQL types these values are served as.
import { badInput } from '../domain-error';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export const MAX_PAGE_SIZE = 100;

/** The page size asked for, checked: 1..100. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/** Opaque cursors: base64url JSON of whatever key the list orders by. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | null | undefined, isValid: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(v)) return v;
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'The cursor is not one this list gave out; start again without it');
}

/** Builds a connection from rows fetched with one extra row to learn hasNextPage. */
export function toConnection<Row, Node>(
  rows: Row[],
  first: number,
  totalCount: number,
  cursorOf: (row: Row) => unknown,
  nodeOf: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
