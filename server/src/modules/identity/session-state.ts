// Suspension, role changes and revoked sessions take effect at once: every request
// checks the session and user state, cached briefly and deleted on change.
import type { Cache } from '../../infra/cache/cache';
import type { Db } from '../../infra/database';
import type { Role } from '../../generated/prisma/enums';
import type { Viewer } from './viewer';

export interface PrincipalState {
  active: boolean;
  role: Role;
}

const TTL_SECONDS = 30;

export class SessionStateCache {
  constructor(
    private readonly prisma: Db,
    private readonly cache: Cache,
  ) {}

  async session(sessionId: string): Promise<PrincipalState> {
    const key = `auth:session:${sessionId}`;
    const hit = await this.cache.get<PrincipalState>(key);
    if (hit) return hit;
    const row = await this.prisma.session.findUnique({
      where: { id: sessionId },
      select: { revokedAt: true, expiresAt: true, user: { select: { suspended: true, role: true } } },
    });
    const state: PrincipalState = {
      active: !!row && !row.revokedAt && row.expiresAt > new Date() && !row.user.suspended,
      role: row?.user.role ?? 'CUSTOMER',
    };
    await this.cache.set(key, state, TTL_SECONDS);
    return state;
  }

  /** Whether a viewer authenticated earlier (e.g. a live subscription) may still receive data. */
  async stillValid(viewer: Viewer): Promise<boolean> {
    if (viewer.sessionId) return (await this.session(viewer.sessionId)).active;
    const user = await this.prisma.user.findUnique({ where: { id: viewer.userId }, select: { suspended: true } });
    if (!user || user.suspended) return false;
    if (!viewer.apiKey) return true;
    const key = await this.prisma.apiKey.findUnique({ where: { id: viewer.apiKey.id }, select: { revokedAt: true } });
    return !!key && !key.revokedAt;
  }

  async forgetSessions(sessionIds: string[]): Promise<void> {
    await this.cache.delete(...sessionIds.map((id) => `auth:session:${id}`));
  }

  /** After a user-wide change (suspension, role): drop every session's cached state. */
  async forgetUser(userId: string): Promise<void> {
    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });
    await this.forgetSessions(sessions.map((s) => s.id));
  }
}
