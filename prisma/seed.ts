// `npm run db:seed`: writes the demo data into DATABASE_URL (or the embedded database),
// unless the catalog already has categories. `npm run db:seed -- --reference` writes only
// the standard categories (no people, no bookings): what a production database starts with.
import { loadConfig, loadEnvFile } from '../server/src/config';
import { openDatabase } from '../server/src/infra/database';
import { createLogger } from '../server/src/infra/logger';
import { localMediaDir } from '../server/src/infra/media';
import { describeDemoAccounts, seedDemoData } from '../server/src/seed/demo-data';
import { writeDemoImages } from '../server/src/seed/demo-images';
import { seedReferenceData } from '../server/src/seed/reference-data';

async function main() {
  loadEnvFile();
  const config = loadConfig();
  const log = createLogger(config.logLevel, { format: config.logFormat });
  const db = await openDatabase(config, log);
  try {
    if (process.argv.includes('--reference')) {
      const added = await seedReferenceData(db.prisma);
      console.log(`reference data (${db.kind}): ${added} standard categories added`);
      return;
    }
    if ((await db.prisma.category.count()) > 0) {
      console.log(`already seeded (${db.kind}): categories exist, nothing written`);
      return;
    }
    const started = Date.now();
    const counts = await seedDemoData(db.prisma);
    console.log(`seeded ${db.kind} in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
    const mediaDir = localMediaDir(config);
    if (mediaDir) console.log(`wrote ${await writeDemoImages(db.prisma, mediaDir)} demo images under ${mediaDir}`);
    console.log(describeDemoAccounts());
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
