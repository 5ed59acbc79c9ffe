import type { Infra } from '../../infra';
import type { MediaStore } from '../../infra/media/media-store';
import type { ModuleParts } from '../module';
import { ApiKeysService } from './api-keys.service';
import { Authenticator } from './authenticator';
import { IdentityResolver, PublicProfileResolver, SessionResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { PrincipalWatch } from './principal-watch';
import { SessionStateCache } from './session-state';
import { SupabaseAccounts } from './supabase-accounts';
import { SupabaseTokens } from './supabase-tokens';
import { UsersService } from './users.service';

export const identityResolvers = [IdentityResolver, SessionResolver, PublicProfileResolver] as const;

export function identityModule(infra: Infra, media: MediaStore) {
  const principals = new PrincipalWatch(infra.pubsub, infra.config.redis.prefix, infra.log);
  const sessionState = new SessionStateCache(infra.prisma, infra.cache, principals);
  const identity = new IdentityService(infra.prisma, sessionState, infra.config, infra.rateLimiter, media);
  const users = new UsersService(infra.prisma, sessionState, infra.database);
  const apiKeys = new ApiKeysService(infra.prisma, infra.cache);
  const authenticator = new Authenticator(
    identity.accessTokens,
    apiKeys,
    sessionState,
    new SupabaseTokens(infra.config.supabase),
    new SupabaseAccounts(infra.prisma),
  );
  const parts: ModuleParts = {
    bindings: [
      [IdentityResolver, new IdentityResolver(identity, users, apiKeys, media)],
      [SessionResolver, new SessionResolver()],
      [PublicProfileResolver, new PublicProfileResolver(media)],
    ],
    stop: () => principals.stop(),
  };
  return { identity, users, apiKeys, authenticator, sessionState, parts };
}
