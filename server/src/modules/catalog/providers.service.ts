// Becoming a provider and keeping the business profile up to date.
import { z } from 'zod';
import { DomainError } from '../../domain-error';
import { PgError, sqlState, type Db } from '../../infra/database';
import { parseInput, timeZoneField } from '../../input-validation';
import type { UsersService } from '../identity/users.service';
import type { Viewer } from '../identity/viewer';
import type { CatalogCache } from './catalog-cache';
import type { ProviderRow } from './catalog.rows';
import type { ProviderProfileInput } from './catalog.inputs';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

const profileSchema = z.object({
  businessName: z.string().trim().min(2, 'must be at least 2 characters').max(100, 'must be at most 100 characters'),
  bio: optionalText(2000),
  city: optionalText(100),
  timeZone: timeZoneField(),
});

export class ProvidersService {
  constructor(
    private readonly prisma: Db,
    private readonly users: UsersService,
    private readonly cache: CatalogCache,
  ) {}

  /** A customer opens a business: the profile is created and their role becomes PROVIDER. */
  async becomeProvider(viewer: Viewer, input: ProviderProfileInput): Promise<ProviderRow> {
    const data = parseInput(profileSchema, input);
    let provider: ProviderRow;
    try {
      // The profile and the role change commit together: no profile without the role.
      provider = await this.prisma.$transaction(async (tx) => {
        const created = await tx.providerProfile.create({ data: { ...data, userId: viewer.userId } });
        await this.users.promoteToProvider(viewer.userId, tx);
        return created;
      });
    } catch (err) {
      // One profile per person; the unique user_id settles two racing requests.
      if (sqlState(err) === PgError.uniqueViolation) {
        throw new DomainError('CONFLICT', 'You are already a provider; use updateProviderProfile to change your profile');
      }
      throw err;
    }
    await this.users.roleChanged(viewer.userId);
    await this.cache.invalidate();
    return provider;
  }

  async updateProfile(viewer: Viewer, input: ProviderProfileInput): Promise<ProviderRow> {
    const data = parseInput(profileSchema, input);
    const own = await this.prisma.providerProfile.findUnique({ where: { userId: viewer.userId }, select: { id: true } });
    if (!own) throw new DomainError('NOT_FOUND', 'You have no provider profile yet; use becomeProvider first');
    const provider = await this.prisma.providerProfile.update({ where: { id: own.id }, data });
    await this.cache.invalidate();
    return provider;
  }
}
