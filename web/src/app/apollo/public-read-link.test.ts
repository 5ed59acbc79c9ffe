// The public-read link as the server's edge cache needs it: a persisted-query hash as a GET,
// and when the server does not know the hash yet, the query with its hash as a GET too (a
// POST would never teach the cache that the hash is a public read, so every later visitor
// would miss it). No credentials.
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { parse } from 'graphql';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicReadLink } from './links';

afterEach(() => vi.unstubAllGlobals());

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/graphql-response+json' } });

describe('publicReadLink', () => {
  it('sends the hash as a GET, and the retry with the query as a GET as well', async () => {
    const requests: { url: URL; init: RequestInit }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((input: string, init: RequestInit) => {
        const url = new URL(input, 'http://127.0.0.1');
        requests.push({ url, init });
        return Promise.resolve(
          url.searchParams.has('query')
            ? json({ data: { categories: [] } })
            : json({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }),
        );
      }),
    );
    const result = await firstValueFrom(
      ApolloLink.execute(
        publicReadLink(),
        { query: parse('query Categories { categories { id } }') },
        { client: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }) },
      ),
    );
    expect(result).toEqual({ data: { categories: [] } });
    expect(requests.map((r) => [r.init.method, r.url.searchParams.has('query'), r.url.searchParams.has('extensions')])).toEqual([
      ['GET', false, true],
      ['GET', true, true],
    ]);
    expect(requests.every((r) => r.init.credentials === 'omit')).toBe(true);
  });
});
