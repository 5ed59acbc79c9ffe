// Suspension, role changes and revoked sessions take effect at once: every request
// checks the session and user state, cached briefly and deleted on change.
import { LRUCache } from 'lru-cache';
import { DomainError } from '../../domain-error';
import type { Cache } from '../../infra/cache/cache';
import type { Db } from '../../infra/database';
import type { Role } from '../../generated/prisma/enums';
import type { PrincipalWatch } from './principal-watch';
import type { Viewer } from './viewer';

export interface PrincipalState {
  active: boolean;
  role: Role;
}

const TTL_SECONDS = 30;
// Live streams ask before each delivered chunk, thousands at one event: their answer is kept
// in memory this long, and dropped at once when the viewer's change is announced (watch), so
// a revocation still ends a stream within a second. Only a lost announcement waits this out.
const STANDING_MEMO_MS = 10_000;
const STANDINGS_KEPT = 100_000;
// A role change ends a live stream only when it takes access away (an admin's "all bookings").
const ACCESS: Record<Role, number> = { CUSTOMER: 0, PROVIDER: 1, ADMIN: 2 };

export class SessionStateCache {
  private readonly standings = new LRUCache<string, Promise<PrincipalState>>({ max: STANDINGS_KEPT, ttl: STANDING_MEMO_MS });

  constructor(
    private readonly prisma: Db,
    private readonly cache: Cache,
    private readonly principals: PrincipalWatch,
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

  /** Why a viewer authenticated earlier (e.g. a live subscription) may no longer receive data; null while it may. */
  async refusal(viewer: Viewer): Promise<DomainError | null> {
    const standing = await this.rememberedStanding(viewer);
    if (!standing.active) return new DomainError('UNAUTHENTICATED', 'Your session has ended or the account is suspended; sign in again');
    if (ACCESS[standing.role] < ACCESS[viewer.role]) {
      return new DomainError('FORBIDDEN', `Your role is now ${standing.role}; subscribe again to see what it allows`);
    }
    return null;
  }

  /** Calls `onChange` at once (on any instance) when this viewer's session or account changes. */
  watch(viewer: Viewer, onChange: () => void): () => void {
    return this.principals.watch(viewer, () => {
      this.standings.delete(standingKey(viewer));
      onChange();
    });
  }

  private rememberedStanding(viewer: Viewer): Promise<PrincipalState> {
    const key = standingKey(viewer);
    let standing = this.standings.get(key);
    if (!standing) {
      standing = this.standing(viewer);
      this.standings.set(key, standing);
      const read = standing;
      read.catch(() => this.standings.peek(key) === read && this.standings.delete(key)); // a failed read is not remembered
    }
    return standing;
  }

  private async standing(viewer: Viewer): Promise<PrincipalState> {
    if (viewer.sessionId) return this.session(viewer.sessionId);
    const user = await this.prisma.user.findUnique({ where: { id: viewer.userId }, select: { suspended: true, role: true } });
    if (!user || user.suspended) return { active: false, role: user?.role ?? 'CUSTOMER' };
    if (!viewer.apiKey) return { active: true, role: user.role };
    const key = await this.prisma.apiKey.findUnique({ where: { id: viewer.apiKey.id }, select: { revokedAt: true } });
    return { active: !!key && !key.revokedAt, role: user.role };
  }

  async forgetSessions(sessionIds: string[]): Promise<void> {
    await this.drop(sessionIds);
    this.principals.announce({ userId: null, sessionIds });
  }

  /** After a user-wide change (suspension, role): drop every session's cached state. */
  async forgetUser(userId: string): Promise<void> {
    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });
    await this.drop(sessions.map((s) => s.id));
    this.principals.announce({ userId, sessionIds: [] });
  }

  private async drop(sessionIds: string[]): Promise<void> {
    for (const id of sessionIds) this.standings.delete(standingKey({ sessionId: id }));
    if (sessionIds.length) await this.cache.delete(...sessionIds.map((id) => `auth:session:${id}`));
  }
}

const standingKey = (viewer: Pick<Viewer, 'sessionId'> & Partial<Viewer>) =>
  viewer.sessionId ? `session:${viewer.sessionId}` : `user:${viewer.userId}:${viewer.apiKey?.id ?? ''}`;
