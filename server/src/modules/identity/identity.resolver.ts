import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, Role } from '../../generated/prisma/enums';
import type { AppContext } from '../../graphql/context';
import { viewerOf } from '../../graphql/context';
import type { MediaStore } from '../../infra/media/media-store';
import type { Authenticated, IdentityService } from './identity.service';
import type { ApiKeysService } from './api-keys.service';
import type { UsersService } from './users.service';
import {
  ApiKey,
  ApiKeyCreated,
  AuthPayload,
  PublicProfile,
  RegisterInput,
  Session,
  UpdateProfileInput,
  User,
  UserConnection,
} from './identity.types';

const AVATAR_SIZE = { width: 256, height: 256 };

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly identity: IdentityService,
    private readonly accounts: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly media: MediaStore,
  ) {}

  @Query(() => User, { nullable: true })
  me(@Ctx() ctx: AppContext) {
    return ctx.viewer ? this.accounts.me(ctx.viewer) : null;
  }

  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, { description: 'Admin only.' })
  users(
    @Arg('role', () => Role, { nullable: true }) role: Role | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.accounts.list({ role, search, first, after });
  }

  @Mutation(() => AuthPayload)
  async register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Arg('refreshCookie', () => Boolean, { nullable: true, defaultValue: false }) refreshCookie: boolean,
    @Ctx() ctx: AppContext,
  ) {
    return this.deliver(await this.identity.register(input, ctx.client), refreshCookie, ctx);
  }

  @Mutation(() => AuthPayload)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Arg('refreshCookie', () => Boolean, { nullable: true, defaultValue: false }) refreshCookie: boolean,
    @Ctx() ctx: AppContext,
  ) {
    return this.deliver(await this.identity.login(email, password, ctx.client), refreshCookie, ctx);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Rotates: the old refresh token stops working; reusing it revokes the whole session. Without refreshToken, the cookie is used.',
  })
  async refreshSession(
    @Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | null,
    @Arg('refreshCookie', () => Boolean, { nullable: true, defaultValue: false }) refreshCookie: boolean,
    @Ctx() ctx: AppContext,
  ) {
    const token = refreshToken ?? ctx.refreshCookie.read();
    return this.deliver(await this.identity.refresh(token, ctx.client), refreshCookie || !refreshToken, ctx);
  }

  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token (or of the cookie).' })
  async logout(@Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | null, @Ctx() ctx: AppContext) {
    const ended = await this.identity.logout(refreshToken ?? ctx.refreshCookie.read());
    ctx.refreshCookie.clear();
    return ended;
  }

  @Authorized()
  @Mutation(() => Boolean)
  revokeSession(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.identity.revokeSession(viewerOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Ends every session of the viewer, this one included; returns how many.' })
  revokeAllSessions(@Ctx() ctx: AppContext) {
    return this.identity.revokeAllSessions(viewerOf(ctx));
  }

  @Authorized()
  @Query(() => [Session])
  mySessions(@Ctx() ctx: AppContext) {
    return this.identity.mySessions(viewerOf(ctx));
  }

  @Authorized()
  @Mutation(() => User)
  updateProfile(@Arg('input', () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: AppContext) {
    return this.identity.updateProfile(viewerOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => ApiKeyCreated)
  createApiKey(@Arg('name', () => String) name: string, @Arg('scopes', () => [ApiScope]) scopes: ApiScope[], @Ctx() ctx: AppContext) {
    return this.apiKeys.create(viewerOf(ctx), { name, scopes });
  }

  @Authorized()
  @Mutation(() => Boolean)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    return this.apiKeys.revoke(viewerOf(ctx), id);
  }

  @Authorized()
  @Query(() => [ApiKey])
  myApiKeys(@Ctx() ctx: AppContext) {
    return this.apiKeys.list(viewerOf(ctx));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Admin only.' })
  setUserRole(@Arg('userId', () => ID) userId: string, @Arg('role', () => Role) role: Role, @Ctx() ctx: AppContext) {
    return this.accounts.setRole(viewerOf(ctx), userId, role);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Admin only.' })
  suspendUser(@Arg('userId', () => ID) userId: string, @Arg('suspended', () => Boolean) suspended: boolean, @Ctx() ctx: AppContext) {
    return this.accounts.suspend(viewerOf(ctx), userId, suspended);
  }

  @FieldResolver(() => String, { nullable: true })
  avatarUrl(@Root() user: User) {
    return user.avatarPublicId ? this.media.url(user.avatarPublicId, AVATAR_SIZE) : null;
  }

  private deliver(auth: Authenticated, asCookie: boolean, ctx: AppContext): AuthPayload {
    if (asCookie) ctx.refreshCookie.set(auth.refreshToken);
    return { ...auth, refreshToken: asCookie ? null : auth.refreshToken };
  }
}

@Resolver(() => Session)
export class SessionResolver {
  @FieldResolver(() => Boolean)
  current(@Root() session: Session, @Ctx() ctx: AppContext) {
    return session.id === ctx.viewer?.sessionId;
  }
}

@Resolver(() => PublicProfile)
export class PublicProfileResolver {
  constructor(private readonly media: MediaStore) {}

  @FieldResolver(() => String, { nullable: true })
  avatarUrl(@Root() profile: PublicProfile) {
    return profile.avatarPublicId ? this.media.url(profile.avatarPublicId, AVATAR_SIZE) : null;
  }
}
