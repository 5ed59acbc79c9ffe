// API keys for integrators: `hs_<prefix>_<secret>`, shown once, stored as a SHA-256 hash.
import { z } from 'zod';
import { DomainError } from '../../domain-error';
import type { ApiScope } from '../../generated/prisma/enums';
import type { Cache } from '../../infra/cache/cache';
import type { Db } from '../../infra/database';
import { parseInput } from '../../input-validation';
import { newOpaqueToken, sha256 } from './tokens';
import type { Viewer } from './viewer';

const MAX_KEYS_PER_USER = 20;
/** What create() issues; anything else is refused without a lookup. */
const KEY_FORMAT = /^hs_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;
/** Unknown and revoked keys stay so: remembered, a flood of the same one costs no lookups. */
const REFUSED_KEY_SECONDS = 600;
const refusedKey = (hash: string) => `auth:apikey-refused:${hash}`;
const createSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  scopes: z.array(z.enum(['CATALOG_READ', 'BOOKINGS_READ', 'BOOKINGS_WRITE'])).min(1, 'choose at least one scope'),
});

export class ApiKeysService {
  constructor(
    private readonly prisma: Db,
    private readonly cache: Cache,
  ) {}

  async create(viewer: Viewer, input: { name: string; scopes: ApiScope[] }) {
    if (viewer.apiKey) throw new DomainError('FORBIDDEN', 'API keys cannot create API keys; sign in as the owner');
    const data = parseInput(createSchema, input);
    const active = await this.prisma.apiKey.count({ where: { userId: viewer.userId, revokedAt: null } });
    if (active >= MAX_KEYS_PER_USER) {
      throw new DomainError('CONFLICT', `You already have ${MAX_KEYS_PER_USER} active keys; revoke one first`);
    }
    const prefix = newOpaqueToken(6).replace(/[-_]/g, 'x').slice(0, 8);
    const secret = `hs_${prefix}_${newOpaqueToken(32)}`;
    const apiKey = await this.prisma.apiKey.create({
      data: { userId: viewer.userId, name: data.name, prefix, scopes: [...new Set(data.scopes)], secretHash: sha256(secret) },
    });
    return { apiKey, secret };
  }

  async revoke(viewer: Viewer, id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id, userId: viewer.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (!count) throw new DomainError('NOT_FOUND', 'No such active API key of yours');
    return true;
  }

  list(viewer: Viewer) {
    return this.prisma.apiKey.findMany({ where: { userId: viewer.userId, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  }

  /** The key's owner and scopes, or null when the secret is unknown, revoked or its owner suspended. */
  async resolve(secret: string) {
    if (!KEY_FORMAT.test(secret)) return null;
    const secretHash = sha256(secret);
    if (await this.cache.get(refusedKey(secretHash))) return null;
    const key = await this.prisma.apiKey.findUnique({
      where: { secretHash },
      include: { user: { select: { role: true, suspended: true } } },
    });
    if (!key || key.revokedAt) {
      await this.cache.set(refusedKey(secretHash), true, REFUSED_KEY_SECONDS);
      return null;
    }
    if (key.user.suspended) return null;
    // lastUsedAt is informational: refresh it at most once a minute per key.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await this.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    }
    return { id: key.id, userId: key.userId, role: key.user.role, scopes: key.scopes };
  }
}
