// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { loadConfig, loadEnvFile } from '../../config';
import { createLogger } from '../logger';
import { openDatabase } from './index';

async function main() {
  loadEnvFile();
  const config = loadConfig();
  const log = createLogger(config.logLevel, { format: config.logFormat });
  const db = await openDatabase(config, log);
  await db.close();
  log.info({ database: db.kind }, 'migrations applied');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
