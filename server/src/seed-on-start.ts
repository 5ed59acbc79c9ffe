// The embedded default starts with demo data: seeds once, when the catalog is empty.
import type { Logger } from 'pino';
import type { Db } from './infra/database';
import { describeDemoAccounts, seedDemoData } from './seed/demo-data';

export async function seedIfEmpty(prisma: Db, log: Logger): Promise<void> {
  if ((await prisma.category.count()) > 0) return;
  const started = Date.now();
  try {
    const counts = await seedDemoData(prisma);
    log.info({ ...counts, ms: Date.now() - started }, 'seeded demo data');
    log.info(describeDemoAccounts());
  } catch (err) {
    // The API still works without demo data; say so rather than refuse to start.
    log.error({ err }, 'seeding demo data failed; starting with an empty database');
  }
}
