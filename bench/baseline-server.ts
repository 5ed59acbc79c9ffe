// The yardsticks, each in a process of its own (bench/baselines.ts forks this file):
//  - "http": bare node:http answering every request with the same bytes HomeSer sent, from memory;
//  - "apollo": bare Apollo Server 5 + Express 5 over HomeSer's published schema (schema.graphql),
//    its root fields answering static data (the page HomeSer answered), no database, no cache.
// The parent sends what to serve; the child answers with its URL once listening.
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type BaselineSpec = { kind: 'http'; bytes: string } | { kind: 'apollo'; data: Record<string, unknown> };

async function serve(spec: BaselineSpec): Promise<string> {
  if (spec.kind === 'http') {
    const bytes = Buffer.from(spec.bytes);
    const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length };
    const server = createServer((_req, res) => void res.writeHead(200, headers).end(bytes));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }
  const typeDefs = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
  // Each root field asked for answers its part of the static page; nested fields use the default resolvers.
  const Query = Object.fromEntries(Object.entries(spec.data).map(([field, value]) => [field, () => value]));
  const apollo = new ApolloServer({ typeDefs, resolvers: { Query } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

process.once('message', (spec: BaselineSpec) => {
  serve(spec).then(
    (url) => process.send!({ url }),
    (err: Error) => process.send!({ error: err.stack ?? String(err) }, () => process.exit(1)),
  );
});
