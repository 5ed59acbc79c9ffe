// Reference data a production database needs before anyone can list a service: the
// standard categories, and nothing about people. Idempotent: a slug that exists is kept
// as it is (an admin may have renamed or archived it).
import type { Db } from '../infra/database';
import { CATEGORIES } from './catalog';

/** Writes the standard categories that are missing; returns how many it added. */
export async function seedReferenceData(prisma: Db): Promise<number> {
  const { count } = await prisma.category.createMany({
    data: CATEGORIES.map((c, i) => ({ slug: c.slug, name: c.name, sortOrder: i + 1 })),
    skipDuplicates: true,
  });
  return count;
}
