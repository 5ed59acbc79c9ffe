// The embedded default: PostgreSQL compiled to WASM, data under DATA_DIR (or in memory).
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { mkdirSync } from 'node:fs';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient, type Prisma } from '../../generated/prisma/client';
import type { Database } from './database';
import { applyMigrations } from './migrations';

/** `dataDir` is a folder, or 'memory://' for a database that lives as long as the process. */
export async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  await applyMigrations({
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  });
  let statements = 0;
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    log: [{ emit: 'event', level: 'query' }],
  });
  const statementListeners = new Set<(sql: string) => void>();
  prisma.$on('query', (e) => {
    statements++;
    for (const listener of statementListeners) listener(e.query);
  });

  return {
    kind: 'pglite',
    prisma,
    statementCount: () => statements,
    // One connection in process: Prisma's statement is as good (and is counted by $on above).
    prepared: <T>(sql: Prisma.Sql) => prisma.$queryRaw<T[]>(sql),
    onStatement(listener) {
      statementListeners.add(listener);
      return () => void statementListeners.delete(listener);
    },
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return { connected: true, close: async () => unlisten() };
    },
    async ping() {
      await pglite.query('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
