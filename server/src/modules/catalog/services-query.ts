// Checks and normalises the arguments of a services list before any SQL is built.
import { z } from 'zod';
import { badInput } from '../../domain-error';
import { pageSize } from '../../shared/paging';
import { parseInput } from '../../input-validation';
import { isUuid } from '../../shared/ids';
import { ServiceOrder } from './service-order';
import { effectiveOrder, readCursor, type Cursor, type SearchCriteria } from './service-search';

/** What a services list may be narrowed by (the GraphQL ServiceFilter has this shape). */
export interface ServicesFilter {
  categoryId?: string | null;
  providerId?: string | null;
  search?: string | null;
  city?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  availableFrom?: Date | null;
  availableTo?: Date | null;
}

export interface ServicesArgs {
  filter?: ServicesFilter | null;
  orderBy?: ServiceOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface ServicesQuery {
  criteria: SearchCriteria;
  order: ServiceOrder;
  first: number;
  after: Cursor | undefined;
  /** Set when the list is limited to services with a free slot in [from, to). */
  window: { from: Date; to: Date } | undefined;
}

const MAX_WINDOW_DAYS = 62;

const id = z.string().refine(isUuid, 'must be an id from this API').nullish();
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v || undefined);
const price = z.number().int().min(0, 'must not be negative').nullish();

const filterSchema = z.object({
  categoryId: id,
  providerId: id,
  search: text(200),
  city: text(100),
  minPrice: price,
  maxPrice: price,
  availableFrom: z.date().nullish(),
  availableTo: z.date().nullish(),
});
// Built once: zod compiles a schema on its first parse, so one built per call costs a compile per request.
const argsSchema = z.object({ filter: filterSchema });

export function parseServicesQuery(args: ServicesArgs, includeInactive = false): ServicesQuery {
  const { filter: f } = parseInput(argsSchema, { filter: args.filter ?? {} });
  const first = pageSize(args.first);
  const order = effectiveOrder(args.orderBy ?? ServiceOrder.RELEVANCE, f.search);
  return {
    criteria: {
      categoryId: f.categoryId ?? undefined,
      providerId: f.providerId ?? undefined,
      search: f.search,
      city: f.city,
      minPrice: f.minPrice ?? undefined,
      maxPrice: f.maxPrice ?? undefined,
      includeInactive,
    },
    order,
    first,
    after: readCursor(args.after, order),
    window: availabilityWindow(f.availableFrom ?? undefined, f.availableTo ?? undefined),
  };
}

function availabilityWindow(from: Date | undefined, to: Date | undefined) {
  if (!from && !to) return undefined;
  if (!from || !to) throw badInput(from ? 'filter.availableTo' : 'filter.availableFrom', 'Give both availableFrom and availableTo');
  if (from >= to) throw badInput('filter.availableTo', 'availableTo must be after availableFrom');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw badInput('filter.availableTo', `The availability window can span at most ${MAX_WINDOW_DAYS} days`);
  }
  return { from, to };
}
