// What admins do with accounts, and user lookups other modules need.
import DataLoader from 'dataloader';
import { Prisma, type User } from '../../generated/prisma/client';
import type { Role } from '../../generated/prisma/enums';
import { DomainError, notFound } from '../../domain-error';
import { isUuid } from '../../shared/ids';
import { keysetConnection } from '../../shared/keyset';
import type { Db, PreparedStatements } from '../../infra/database';
import type { SessionStateCache } from './session-state';
import type { Viewer } from './viewer';

/** What anyone may see of a user: never email, phone or credentials. */
export interface PublicProfile {
  id: string;
  name: string;
  avatarPublicId: string | null;
}

/** How to address a user in a notice or an email: never a password hash or phone. */
export interface Contact {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

/** The contacts one change has loaded, shared by its notice and its email copies (read once). */
export type Contacts = Pick<DataLoader<string, Contact | null>, 'loadMany'>;

export class UsersService {
  constructor(
    private readonly prisma: Db,
    private readonly sessionState: SessionStateCache,
    private readonly reads: PreparedStatements,
  ) {}

  async me(viewer: Viewer): Promise<User> {
    const user = await this.prisma.user.findUnique({ where: { id: viewer.userId } });
    if (!user) throw notFound('Your account');
    return user;
  }

  /** Batches user lookups of one request into one query. */
  loader(): DataLoader<string, User | null> {
    return new DataLoader(async (ids) => {
      const rows = await this.prisma.user.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Batches a request's public profiles (provider owners, review authors) into one query. */
  publicProfileLoader(): DataLoader<string, PublicProfile | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.publicProfiles(ids)).map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Batches the contacts notices and emails of one change need into one prepared statement. */
  contactLoader(): DataLoader<string, Contact | null> {
    return new DataLoader(async (ids) => {
      const valid = [...new Set(ids.filter(isUuid))];
      const rows = valid.length
        ? await this.reads.prepared<Contact>(Prisma.sql`
            SELECT id::text AS id, name, email, time_zone AS "timeZone"
            FROM app_user WHERE id = ANY(${`{${valid.join(',')}}`}::uuid[])`)
        : [];
      const byId = new Map(rows.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * What anyone may see of these users (the catalog's provider owners): id, name and avatar
   * only, so a public read never brings an email, a phone or a password hash into the process.
   */
  async publicProfiles(ids: readonly string[]): Promise<PublicProfile[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return [];
    return this.reads.prepared<PublicProfile>(Prisma.sql`
      SELECT id::text AS id, name, avatar_public_id AS "avatarPublicId"
      FROM app_user WHERE id = ANY(${`{${valid.join(',')}}`}::uuid[])`);
  }

  /**
   * publicProfiles as one JSON array, for a statement of the catalog's that reads its page and
   * the page's owners in one round trip: the users whose ids `userIds` (a subquery) selects.
   */
  publicProfilesJson(userIds: Prisma.Sql): Prisma.Sql {
    return Prisma.sql`coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'avatarPublicId', u.avatar_public_id))
      FROM app_user u WHERE u.id IN (${userIds})), '[]')`;
  }

  /** Used by the catalog when a customer becomes a provider. */
  /** Inside the catalog's transaction; call roleChanged() once it commits. Admins stay admins. */
  async promoteToProvider(userId: string, tx: Prisma.TransactionClient): Promise<void> {
    await tx.user.updateMany({ where: { id: userId, role: 'CUSTOMER' }, data: { role: 'PROVIDER' } });
  }

  /** Drops the cached session state, so a role change applies to tokens already issued. */
  roleChanged(userId: string): Promise<void> {
    return this.sessionState.forgetUser(userId);
  }

  async setRole(admin: Viewer, userId: string, role: Role): Promise<User> {
    if (userId === admin.userId && role !== 'ADMIN') {
      throw new DomainError('FORBIDDEN', 'You cannot remove your own admin role; ask another admin');
    }
    const user = await this.update(userId, { role });
    await this.sessionState.forgetUser(userId);
    return user;
  }

  async suspend(admin: Viewer, userId: string, suspended: boolean): Promise<User> {
    if (userId === admin.userId) throw new DomainError('FORBIDDEN', 'You cannot suspend yourself');
    const user = await this.update(userId, { suspended });
    await this.sessionState.forgetUser(userId);
    return user;
  }

  async list(args: { role?: Role | null; search?: string | null; first?: number | null; after?: string | null }) {
    const search = args.search?.trim();
    const where: Prisma.UserWhereInput = {
      ...(args.role && { role: args.role }),
      ...(search && {
        OR: [{ email: { contains: search, mode: 'insensitive' } }, { name: { contains: search, mode: 'insensitive' } }],
      }),
    };
    return keysetConnection(this.prisma.user, where, 'createdAt', args);
  }

  private async update(userId: string, data: Prisma.UserUpdateInput): Promise<User> {
    const exists = await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!exists) throw notFound('That user');
    return this.prisma.user.update({ where: { id: userId }, data });
  }
}
