// The platform ranking of providers, from the rating totals the catalog keeps on each
// provider. Score = a Bayesian average that pulls every provider towards the platform mean
// m by C imaginary reviews:
//
//   score = (C·m + ratingSum) / (C + ratingCount),   C = 5,   m = Σ ratingSum / Σ ratingCount
//
// Worked example, m = 4.3: one 5-star review → (21.5 + 5) / 6 = 4.42; a hundred averaging
// 4.8 → (21.5 + 480) / 105 = 4.78, so the hundred rank first. (A lone 5 stays behind a
// hundred at 4.8 while m < 4.76; on a platform whose mean is higher still, it does not.)
// Ties: more reviews first, then the provider id. Providers without a review are not ranked.
//
// Computed in SQL (row_number() over the score) under the catalog version, which every new
// review bumps (catalogChanged), as does every other catalog write: ranks are held in
// process per version, the top lists in the cache.
import { Prisma } from '../../generated/prisma/client';
import { cached, type Cache } from '../../infra/cache/cache';
import type { Db } from '../../infra/database';
import type { CatalogService, ProviderRow } from '../catalog';
import { reviveProvider } from '../catalog/catalog.rows';

/** How many imaginary reviews at the platform mean every provider starts with. */
export const PRIOR_WEIGHT = 5;

export interface RankedProvider {
  rank: number;
  provider: ProviderRow;
}

/** What the ranking asks of the catalog: the version its answers are cached under, and provider rows. */
export type RankingCatalog = Pick<CatalogService, 'version' | 'providerLoader'>;

const RANKED = Prisma.sql`
  WITH rated AS (SELECT id, rating_sum, rating_count FROM provider WHERE rating_count > 0),
  prior AS (SELECT sum(rating_sum)::numeric / sum(rating_count) AS mean FROM rated),
  ranked AS (
    SELECT r.id, row_number() OVER (
      ORDER BY (${PRIOR_WEIGHT} * prior.mean + r.rating_sum) / (${PRIOR_WEIGHT} + r.rating_count) DESC, r.rating_count DESC, r.id
    )::int AS rank
    FROM rated r CROSS JOIN prior
  )`;

export class ProviderRanking {
  /** The whole ranking under one catalog version, read once per process and version. */
  private table: { version: number; ranks: Promise<Map<string, number>> } | undefined;

  constructor(
    private readonly prisma: Db,
    private readonly cache: Cache,
    private readonly catalog: RankingCatalog,
    private readonly ttlSeconds: number,
  ) {}

  /**
   * The rank of each provider, null for those without a review. Each process reads the whole
   * ranking once per catalog version (one statement) and answers from it until the version
   * moves: a page of providers then costs no Redis command for ranks, warm or cold.
   */
  async ranks(providerIds: readonly string[]): Promise<(number | null)[]> {
    const version = await this.catalog.version();
    if (this.ttlSeconds <= 0 || version < 0) return this.ranksOf(providerIds);
    let table = this.table;
    if (table?.version !== version) {
      table = { version, ranks: this.loadRanks() };
      this.table = table;
      table.ranks.catch(() => {
        if (this.table === table) this.table = undefined; // the next read tries again
      });
    }
    const ranks = await table.ranks;
    return providerIds.map((id) => ranks.get(id) ?? null);
  }

  /** Without a cache (or with Redis away): the ranks of just these providers. */
  private async ranksOf(providerIds: readonly string[]): Promise<(number | null)[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; rank: number }[]>(Prisma.sql`${RANKED}
      SELECT id::text AS id, rank FROM ranked WHERE id = ANY(${`{${providerIds.join(',')}}`}::uuid[])`);
    const found = new Map(rows.map((r) => [r.id, r.rank]));
    return providerIds.map((id) => found.get(id) ?? null);
  }

  private async loadRanks(): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<{ id: string; rank: number }[]>(Prisma.sql`${RANKED} SELECT id::text AS id, rank FROM ranked`);
    return new Map(rows.map((r) => [r.id, r.rank]));
  }

  /** The best-ranked providers, of all or of those offering an active service in the category. */
  async top(categoryId: string | null, first: number): Promise<RankedProvider[]> {
    const key = `${await this.keyPrefix()}top:${categoryId ?? 'all'}:${first}`;
    const top = await cached(this.cache, key, this.ttlSeconds, () => this.loadTop(categoryId, first));
    return top.map((t) => ({ rank: t.rank, provider: reviveProvider(t.provider)! }));
  }

  private async loadTop(categoryId: string | null, first: number): Promise<RankedProvider[]> {
    const inCategory = categoryId
      ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM service s WHERE s.provider_id = ranked.id AND s.category_id = ${categoryId}::uuid AND s.active)`
      : Prisma.empty;
    const ranked = await this.prisma.$queryRaw<{ id: string; rank: number }[]>(Prisma.sql`${RANKED}
      SELECT id::text AS id, rank FROM ranked ${inCategory} ORDER BY rank LIMIT ${first}::int`);
    const providers = await this.catalog.providerLoader().loadMany(ranked.map((r) => r.id));
    return ranked.flatMap((r, i) => {
      const provider = providers[i];
      return provider && !(provider instanceof Error) ? [{ rank: r.rank, provider }] : [];
    });
  }

  /** Read before the database: an answer computed from rows older than a write lands under the version it retires. */
  private async keyPrefix(): Promise<string> {
    return `ranking:v${await this.catalog.version()}:`;
  }
}
