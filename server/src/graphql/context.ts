// What every resolver receives: who is calling, from where, and per-request loaders.
import type DataLoader from 'dataloader';
import { DomainError } from '../domain-error';
import type { OperationNote } from '../http/request-log';
import type { Logger } from '../infra/logger';
import type { ClientMeta } from '../modules/identity/identity.service';
import type { Viewer } from '../modules/identity/viewer';

export interface RefreshCookie {
  read(): string | undefined;
  set(token: string): void;
  clear(): void;
}

export interface AppContext {
  requestId: string;
  viewer: Viewer | null;
  client: ClientMeta;
  refreshCookie: RefreshCookie;
  /** The SPA origin this request came from, when it is one of ours (WEB_ORIGINS or this server's own host); gateways send the customer back there. */
  appOrigin: string | null;
  loaders: RequestLoaders;
  log: Logger;
  /** Tells the request log which operation this HTTP request ran (absent over WebSocket). */
  noteOperation?: (operation: OperationNote) => void;
}

/** One DataLoader per name per request, created on first use. */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** The signed-in viewer; resolvers behind @Authorized() always have one. */
export function viewerOf(ctx: AppContext): Viewer {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return ctx.viewer;
}

export const noRefreshCookie: RefreshCookie = { read: () => undefined, set: () => undefined, clear: () => undefined };
