// What providers do with their services: offer one, change it, take it off the catalog
// (active = false) and put it back. Input is checked field by field before anything is
// written; only the owner or an admin may change a service.
import { z } from 'zod';
import { badInput } from '../../domain-error';
import type { Db } from '../../infra/database';
import { parseInput } from '../../input-validation';
import type { Viewer } from '../identity/viewer';
import type { CatalogAccess } from './catalog-access';
import type { CatalogCache } from './catalog-cache';
import { isUuid } from '../../shared/ids';
import type { ServiceRow } from './catalog.rows';
import type { ServiceInput, ServiceUpdateInput } from './catalog.inputs';

const MAX_PRICE = 100_000_000; // 1,000,000.00 in a two-decimal currency: far above any home service

const fields = {
  categoryId: z.string().refine(isUuid, 'must be the id of a category'),
  title: z.string().trim().min(3, 'must be at least 3 characters').max(120, 'must be at most 120 characters'),
  description: z.string().trim().min(10, 'must be at least 10 characters').max(5000, 'must be at most 5000 characters'),
  priceAmount: z
    .number()
    .int('must be a whole number of minor units')
    .min(1, 'must be positive')
    .max(MAX_PRICE, `must be at most ${MAX_PRICE}`),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as BDT'),
  durationMinutes: z
    .number()
    .int()
    .min(15, 'must be at least 15 minutes')
    .max(480, 'must be at most 480 minutes')
    .refine((m) => m % 5 === 0, 'must be a multiple of 5 minutes'),
  bufferMinutes: z.number().int().min(0, 'must not be negative').max(240, 'must be at most 240 minutes'),
  instantBooking: z.boolean(),
  terms: z.string().trim().max(5000, 'must be at most 5000 characters'),
  active: z.boolean(),
};

const createSchema = z.object({
  categoryId: fields.categoryId,
  title: fields.title,
  description: fields.description,
  priceAmount: fields.priceAmount,
  currency: fields.currency.nullish().transform((c) => c ?? 'BDT'),
  durationMinutes: fields.durationMinutes,
  bufferMinutes: fields.bufferMinutes.nullish().transform((b) => b ?? 0),
  instantBooking: fields.instantBooking.nullish().transform((b) => b ?? false),
  terms: fields.terms.nullish().transform((t) => t || null),
});

// Every field optional; null means "unchanged", like an omitted one.
const updateSchema = z.object({
  categoryId: fields.categoryId.nullish(),
  title: fields.title.nullish(),
  description: fields.description.nullish(),
  priceAmount: fields.priceAmount.nullish(),
  durationMinutes: fields.durationMinutes.nullish(),
  bufferMinutes: fields.bufferMinutes.nullish(),
  instantBooking: fields.instantBooking.nullish(),
  terms: fields.terms.nullish(),
  active: fields.active.nullish(),
});

export class ListingsService {
  constructor(
    private readonly prisma: Db,
    private readonly access: CatalogAccess,
    private readonly cache: CatalogCache,
  ) {}

  async createService(viewer: Viewer, input: ServiceInput): Promise<ServiceRow> {
    const provider = await this.access.ownProvider(viewer);
    const data = parseInput(createSchema, input);
    await this.assertCategory(data.categoryId);
    const service = await this.prisma.service.create({ data: { ...data, providerId: provider.id } });
    await this.cache.invalidate();
    return service;
  }

  async updateService(viewer: Viewer, serviceId: string, input: ServiceUpdateInput): Promise<ServiceRow> {
    const service = await this.access.serviceToChange(viewer, serviceId);
    const { terms, ...rest } = parseInput(updateSchema, input);
    // null and omitted both leave a field as it is; terms "" clears the terms.
    const patch = { ...definedOnly(rest), ...(typeof terms === 'string' && { terms: terms || null }) };
    if (patch.categoryId) await this.assertCategory(patch.categoryId);
    if (Object.keys(patch).length === 0) return service;
    const updated = await this.prisma.service.update({ where: { id: service.id }, data: patch });
    await this.cache.invalidate();
    return updated;
  }

  private async assertCategory(categoryId: string): Promise<void> {
    const found = await this.prisma.category.findUnique({ where: { id: categoryId }, select: { archivedAt: true } });
    if (!found) throw badInput('categoryId', 'categoryId: there is no such category; pick one from categories');
    if (found.archivedAt) throw badInput('categoryId', 'categoryId: this category is archived; pick another one from categories');
  }
}

const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: NonNullable<T[K]> };
