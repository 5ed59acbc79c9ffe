// Accounts and sessions: register, login, refresh-token rotation, logout, profiles.
import { z } from 'zod';
import type { Config } from '../../config';
import { badInput, DomainError } from '../../domain-error';
import type { Db } from '../../infra/database';
import { userUploadsFolder, type MediaStore } from '../../infra/media/media-store';
import { PgError, sqlState } from '../../infra/database';
import type { RateLimiter, RateLimiterFactory } from '../../infra/rate-limiter';
import { parseInput, timeZoneField } from '../../input-validation';
import type { User } from '../../generated/prisma/client';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import type { SessionStateCache } from './session-state';
import { AccessTokens, newOpaqueToken, sha256, successorRefreshToken } from './tokens';
import type { Viewer } from './viewer';

const SESSION_DAYS = 30;
/** As Supabase Auth's default refresh-token reuse interval. */
export const REFRESH_REUSE_GRACE_SECONDS = 10;
const LOGIN_WINDOW_SECONDS = 15 * 60;

export interface ClientMeta {
  ip: string;
  userAgent: string | null;
}

export interface Authenticated {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

const zone = timeZoneField();
const registerSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be a valid email address')),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .nullish(),
  timeZone: zone.nullish(),
  asProvider: z.boolean().nullish(),
});
const profileSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .nullish(),
  timeZone: zone.nullish(),
  avatarPublicId: z.string().trim().min(1).max(300).nullish(),
});

export class IdentityService {
  private readonly tokens: AccessTokens;
  private readonly refreshKey: string;
  private readonly loginPerIp: RateLimiter;
  private readonly loginPerAccount: RateLimiter;

  constructor(
    private readonly prisma: Db,
    private readonly sessionState: SessionStateCache,
    config: Config,
    rateLimiter: RateLimiterFactory,
    private readonly media: Pick<MediaStore, 'verifyAsset'>,
  ) {
    this.tokens = new AccessTokens(config.jwtSecret);
    this.refreshKey = config.jwtSecret;
    this.loginPerIp = rateLimiter({ name: 'login-ip', points: config.rateLimit.loginPerIp, durationSeconds: LOGIN_WINDOW_SECONDS });
    this.loginPerAccount = rateLimiter({
      name: 'login-account',
      points: config.rateLimit.loginPerAccount,
      durationSeconds: LOGIN_WINDOW_SECONDS,
    });
  }

  get accessTokens(): AccessTokens {
    return this.tokens;
  }

  async register(input: z.input<typeof registerSchema>, meta: ClientMeta): Promise<Authenticated> {
    const data = parseInput(registerSchema, input);
    const passwordHash = await hashPassword(data.password);
    try {
      const user = await this.prisma.user.create({
        data: {
          email: data.email,
          passwordHash,
          name: data.name,
          phone: data.phone ?? null,
          timeZone: data.timeZone ?? 'Asia/Dhaka',
          role: data.asProvider ? 'PROVIDER' : 'CUSTOMER',
        },
      });
      return this.startSession(user, meta);
    } catch (err) {
      if (sqlState(err) === PgError.uniqueViolation) {
        throw new DomainError('CONFLICT', 'An account with this email already exists; sign in instead', { field: 'email' });
      }
      throw err;
    }
  }

  async login(email: string, password: string, meta: ClientMeta): Promise<Authenticated> {
    const account = email.trim().toLowerCase();
    await this.spend(this.loginPerIp, meta.ip);
    await this.spend(this.loginPerAccount, account);
    const user = await this.prisma.user.findUnique({ where: { email: account } });
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid) throw new DomainError('UNAUTHENTICATED', 'Email or password is wrong');
    if (user.suspended) throw new DomainError('FORBIDDEN', 'This account is suspended; contact support');
    await this.loginPerAccount.reset(account);
    return this.startSession(user, meta);
  }

  /**
   * Exchanges a refresh token for a new pair. Presenting a rotated token again revokes its
   * session, except within REFRESH_REUSE_GRACE_SECONDS of the rotation: two tabs refreshing
   * at once both get the same new pair.
   */
  async refresh(refreshToken: string | null | undefined, meta: ClientMeta): Promise<Authenticated> {
    if (!refreshToken) throw new DomainError('UNAUTHENTICATED', 'No refresh token; sign in again');
    const found = await this.prisma.refreshToken.findUnique({
      where: { tokenHash: sha256(refreshToken) },
      include: { session: { include: { user: true } } },
    });
    if (!found) throw new DomainError('UNAUTHENTICATED', 'This refresh token is not valid; sign in again');
    const { session } = found;
    if (session.revokedAt || session.expiresAt <= new Date()) {
      throw new DomainError('UNAUTHENTICATED', 'This session has ended; sign in again');
    }
    if (session.user.suspended) throw new DomainError('FORBIDDEN', 'This account is suspended; contact support');
    const successor = successorRefreshToken(this.refreshKey, refreshToken);
    const rotatedNow = found.rotatedAt ? null : await this.rotate(found.id, session.id, successor, meta, session.userAgent);
    if (rotatedNow) return this.issue(session.user, session.id, successor, rotatedNow);
    const rotatedAt = found.rotatedAt ?? (await this.prisma.refreshToken.findUniqueOrThrow({ where: { id: found.id } })).rotatedAt;
    if (rotatedAt && (await this.withinReuseGrace(rotatedAt, session.id, successor))) {
      return this.issue(session.user, session.id, successor, rotatedAt);
    }
    await this.revokeSessions([session.id], 'refresh token reused');
    throw new DomainError('UNAUTHENTICATED', 'This refresh token was already used; the session has been ended for safety. Sign in again');
  }

  async logout(refreshToken: string | null | undefined): Promise<boolean> {
    if (!refreshToken) return false;
    const found = await this.prisma.refreshToken.findUnique({ where: { tokenHash: sha256(refreshToken) }, select: { sessionId: true } });
    if (!found) return false;
    await this.revokeSessions([found.sessionId], 'logout');
    return true;
  }

  async revokeSession(viewer: Viewer, sessionId: string): Promise<boolean> {
    const session = await this.prisma.session.findFirst({ where: { id: sessionId, userId: viewer.userId, revokedAt: null } });
    if (!session) throw new DomainError('NOT_FOUND', 'No such active session of yours');
    await this.revokeSessions([session.id], 'revoked by user');
    return true;
  }

  async revokeAllSessions(viewer: Viewer): Promise<number> {
    const sessions = await this.prisma.session.findMany({ where: { userId: viewer.userId, revokedAt: null }, select: { id: true } });
    await this.revokeSessions(
      sessions.map((s) => s.id),
      'revoked all by user',
    );
    return sessions.length;
  }

  mySessions(viewer: Viewer) {
    return this.prisma.session.findMany({
      where: { userId: viewer.userId, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { lastUsedAt: 'desc' },
    });
  }

  async updateProfile(viewer: Viewer, input: z.input<typeof profileSchema>): Promise<User> {
    const data = parseInput(profileSchema, input);
    if (data.avatarPublicId && !(await this.media.verifyAsset(data.avatarPublicId, userUploadsFolder(viewer.userId)))) {
      throw badInput('avatarPublicId', 'avatarPublicId: no such image in your uploads; upload it with createAvatarUpload first');
    }
    return this.prisma.user.update({
      where: { id: viewer.userId },
      data: {
        ...(data.name != null && { name: data.name }),
        ...(data.phone !== undefined && { phone: data.phone }),
        ...(data.timeZone != null && { timeZone: data.timeZone }),
        ...(data.avatarPublicId !== undefined && { avatarPublicId: data.avatarPublicId }),
      },
    });
  }

  /**
   * Claims the old token and stores its successor in one transaction: a failure leaves the
   * old token usable rather than a session with none. The claim is a conditional update, so
   * of two racing refreshes one rotates and the other answers null.
   */
  private async rotate(tokenId: string, sessionId: string, successor: string, meta: ClientMeta, userAgent: string | null) {
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.refreshToken.updateMany({ where: { id: tokenId, rotatedAt: null }, data: { rotatedAt: now } });
      if (claimed.count === 0) return null;
      await tx.session.update({
        where: { id: sessionId },
        data: {
          lastUsedAt: now,
          expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
          userAgent: meta.userAgent ?? userAgent,
          ip: meta.ip,
          refreshTokens: { create: { tokenHash: sha256(successor) } },
        },
      });
      return now;
    });
  }

  /** A rotation moments ago whose successor is still the session's current token: the same refresh again. */
  private async withinReuseGrace(rotatedAt: Date, sessionId: string, successor: string): Promise<boolean> {
    if (Date.now() - rotatedAt.getTime() > REFRESH_REUSE_GRACE_SECONDS * 1000) return false;
    const next = await this.prisma.refreshToken.findUnique({ where: { tokenHash: sha256(successor) } });
    return !!next && next.sessionId === sessionId && !next.rotatedAt;
  }

  private async startSession(user: User, meta: ClientMeta): Promise<Authenticated> {
    const token = newOpaqueToken();
    const session = await this.prisma.session.create({
      data: {
        userId: user.id,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        ip: meta.ip,
        expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
        refreshTokens: { create: { tokenHash: sha256(token) } },
      },
    });
    return this.issue(user, session.id, token);
  }

  /** `at` fixes the issue time: a refresh inside the grace window re-issues the very same access token. */
  private async issue(user: User, sessionId: string, refreshToken: string, at?: Date): Promise<Authenticated> {
    const access = await this.tokens.issue({ userId: user.id, sessionId, role: user.role }, at);
    return { user, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken };
  }

  private async revokeSessions(ids: string[], reason: string): Promise<void> {
    if (!ids.length) return;
    await this.prisma.session.updateMany({
      where: { id: { in: ids }, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    await this.sessionState.forgetSessions(ids);
  }

  private async spend(limiter: RateLimiter, key: string): Promise<void> {
    const { allowed, retryAfterMs } = await limiter.consume(key);
    if (!allowed) {
      const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
      throw new DomainError('RATE_LIMITED', `Too many sign-in attempts; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
    }
  }
}
