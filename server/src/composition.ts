// The composition root: every service built once from the infrastructure, in
// dependency order. Modules receive only the services and ports they use.
import type { ContainerType } from 'type-graphql';
import type { Infra } from './infra';
import { openMediaStore } from './infra/media';
import type { ModuleParts } from './modules/module';
import { identityModule } from './modules/identity';

export async function composeModules(infra: Infra) {
  const media = openMediaStore(infra.config);
  const identity = identityModule(infra, media.store);
  const parts: ModuleParts[] = [{ bindings: [], routes: media.routes }, identity.parts];

  const instances = new Map<unknown, object>(parts.flatMap((p) => p.bindings));
  const container: ContainerType = {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`No instance bound for resolver ${(someClass as { name?: string }).name}`);
      return instance;
    },
  };
  return {
    container,
    parts,
    authenticator: identity.authenticator,
    services: { identity: identity.identity, users: identity.users, apiKeys: identity.apiKeys, media: media.store },
  };
}

export type Composition = Awaited<ReturnType<typeof composeModules>>;
