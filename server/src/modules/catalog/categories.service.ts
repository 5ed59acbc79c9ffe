// What admins do with categories: add one, rename or reorder it, archive it and bring it
// back. Slugs are unique (the database's unique index is the guard; a clash is CONFLICT
// naming the field). Archiving never deletes: the category's services keep their bookings
// and stay reachable by id, but browse, search and new listings skip them.
import { z } from 'zod';
import { DomainError, notFound } from '../../domain-error';
import { PgError, sqlState, type Db } from '../../infra/database';
import { parseInput } from '../../input-validation';
import type { CatalogCache } from './catalog-cache';
import { isUuid } from '../../shared/ids';
import type { CategoryRow } from './catalog.rows';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const name = z.string().trim().min(2, 'must be at least 2 characters').max(60, 'must be at most 60 characters');
const slug = z
  .string()
  .trim()
  .max(60, 'must be at most 60 characters')
  .regex(SLUG, 'must be lowercase words joined by hyphens, e.g. "pest-control"');
const sortOrder = z.number().int().min(0, 'must not be negative').max(10_000, 'must be at most 10000');

const createSchema = z.object({ name, slug: slug.nullish(), sortOrder: sortOrder.nullish() });
const updateSchema = z.object({ name: name.nullish(), slug: slug.nullish(), sortOrder: sortOrder.nullish() });

export interface CategoryInput {
  name?: string | null;
  slug?: string | null;
  sortOrder?: number | null;
}

/** "Beauty & Wellness" → "beauty-wellness". */
export const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export class CategoriesService {
  constructor(
    private readonly prisma: Db,
    private readonly cache: CatalogCache,
    private readonly read: (id: string) => Promise<CategoryRow>,
  ) {}

  async createCategory(input: CategoryInput): Promise<CategoryRow> {
    const data = parseInput(createSchema, input);
    const chosen = data.slug ?? slugOf(data.name);
    if (!SLUG.test(chosen))
      throw new DomainError('BAD_USER_INPUT', 'slug: give the category a slug of latin letters and digits', { field: 'slug' });
    const sort = data.sortOrder ?? (await this.nextSortOrder());
    const created = await this.write(() => this.prisma.category.create({ data: { name: data.name, slug: chosen, sortOrder: sort } }));
    return this.read(created.id);
  }

  async updateCategory(id: string, input: CategoryInput): Promise<CategoryRow> {
    const data = parseInput(updateSchema, input);
    await this.existing(id);
    const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined));
    if (Object.keys(patch).length) await this.write(() => this.prisma.category.update({ where: { id }, data: patch }));
    return this.read(id);
  }

  /** archived false brings the category back. */
  async archiveCategory(id: string, archived: boolean, now = new Date()): Promise<CategoryRow> {
    await this.existing(id);
    await this.write(() => this.prisma.category.update({ where: { id }, data: { archivedAt: archived ? now : null } }));
    return this.read(id);
  }

  private async existing(id: string): Promise<void> {
    const found = isUuid(id) && (await this.prisma.category.findUnique({ where: { id }, select: { id: true } }));
    if (!found) throw notFound('That category');
  }

  private async nextSortOrder(): Promise<number> {
    const last = await this.prisma.category.aggregate({ _max: { sortOrder: true } });
    return (last._max.sortOrder ?? 0) + 1;
  }

  /** Runs the write, turns a slug clash into CONFLICT, and retires cached catalog reads. */
  private async write<T>(change: () => Promise<T>): Promise<T> {
    try {
      const result = await change();
      await this.cache.invalidate();
      return result;
    } catch (err) {
      if (sqlState(err) === PgError.uniqueViolation) {
        throw new DomainError('CONFLICT', 'Another category already has this slug; choose a different one', { field: 'slug' });
      }
      throw err;
    }
  }
}
