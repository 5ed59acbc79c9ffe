// The embedded default starts with demo data: seeds once, when the catalog is empty, and
// makes sure the demo pictures exist in the local media folder.
import type { Logger } from 'pino';
import type { Db } from './infra/database';
import { describeDemoAccounts, seedDemoData } from './seed/demo-data';
import { writeDemoImages } from './seed/demo-images';

export async function seedIfEmpty(prisma: Db, log: Logger, mediaDir: string | null): Promise<void> {
  if ((await prisma.category.count()) === 0) {
    const started = Date.now();
    try {
      const counts = await seedDemoData(prisma);
      log.info({ ...counts, ms: Date.now() - started }, 'seeded demo data');
      log.info(describeDemoAccounts());
    } catch (err) {
      // The API still works without demo data; say so rather than refuse to start.
      log.error({ err }, 'seeding demo data failed; starting with an empty database');
      return;
    }
  }
  if (mediaDir) {
    const written = await writeDemoImages(prisma, mediaDir).catch((err: unknown) => {
      log.warn({ err }, 'demo images were not written; the catalog shows without pictures');
      return 0;
    });
    if (written) log.info({ written, mediaDir }, 'wrote demo images');
  }
}
