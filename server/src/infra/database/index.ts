import type { Config } from '../../config';
import type { Logger } from '../logger';
import { join } from 'node:path';
import type { Database } from './database';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export type { Database, Db, PreparedStatements } from './database';
export { alongside, PgError, sqlState } from './database';

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR; migrations applied in both. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.database.url) {
    return openPostgres(config.database.url, config.database.poolSize, log);
  }
  const dir = config.dataDir.startsWith('memory://') ? config.dataDir : join(config.dataDir, 'pglite');
  return openPglite(dir);
}
