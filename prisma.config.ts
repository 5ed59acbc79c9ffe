// Prisma CLI configuration. The server applies the migrations itself (infra/database/migrations.ts);
// the CLI generates the client and, where Prisma's schema engine can be downloaded, writes new
// migration SQL with `prisma migrate diff` (docs/architecture.md, "Offline Prisma").
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  // The CLI runs outside the server, so it reads DATABASE_URL itself.
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
