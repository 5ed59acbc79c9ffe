// Prisma CLI configuration. Offline machines cannot download Prisma's Rust schema
// engine, so the CLI runs its JS engine through a driver adapter (docs/architecture.md, "Offline Prisma").
// adapter-pg 7 is installed under an alias: 6.19's adapter fails on the `name` column type.
import { PrismaPg } from '@prisma/adapter-pg-cli';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  // The CLI runs outside the server, so it reads DATABASE_URL itself.
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }),
});
