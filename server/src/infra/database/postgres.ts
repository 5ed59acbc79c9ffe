// The real backend: PostgreSQL through node-postgres and Prisma's pg adapter.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from '../../generated/prisma/client';
import type { Logger } from '../logger';
import type { Database, Listening } from './database';
import { listenConnection } from './listen-connection';
import { applyMigrations } from './migrations';

// Serialises migrations when several instances start at once.
const MIGRATION_LOCK = 72_417_001;

export async function openPostgres(url: string, poolSize: number, log: Logger): Promise<Database> {
  await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL connection failed'));
  let statements = 0;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
  const statementListeners = new Set<(sql: string) => void>();
  prisma.$on('query', (e) => {
    statements++;
    for (const listener of statementListeners) listener(e.query);
  });
  const listeners = new Set<Listening>();

  return {
    kind: 'postgres',
    prisma,
    statementCount: () => statements,
    async prepared<T>(sql: Prisma.Sql) {
      statements++;
      for (const listener of statementListeners) listener(sql.text);
      return (await pool.query({ name: statementName(sql.text), text: sql.text, values: sql.values })).rows as T[];
    },
    onStatement(listener) {
      statementListeners.add(listener);
      return () => void statementListeners.delete(listener);
    },
    async listen(channel, onNotify) {
      const listening = await listenConnection(url, channel, onNotify, log);
      listeners.add(listening);
      return {
        get connected() {
          return listening.connected;
        },
        close: async () => {
          listeners.delete(listening);
          await listening.close();
        },
      };
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await Promise.all([...listeners].map((l) => l.close()));
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

// A prepared statement's name, by its text (as many as prepared's callers have shapes).
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `homeser_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

export async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await applyMigrations({
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
