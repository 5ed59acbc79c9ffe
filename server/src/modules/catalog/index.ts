// STUB — being replaced by the catalog implementation.
import type { Infra } from '../../infra';
import type { MediaStore } from '../../infra/media/media-store';
import type { UsersService } from '../identity/users.service';
import type { ModuleParts } from '../module';

/** What the catalog asks of the availability module for `ServiceFilter.availableFrom/To`. */
export interface FreeSlotSearch {
  /** Ids of active services having at least one free slot starting in [from, to). */
  serviceIdsWithFreeSlot(from: Date, to: Date): Promise<string[]>;
}

export const catalogResolvers = [] as const;

export function catalogModule(infra: Infra, deps: { users: UsersService; media: MediaStore; freeSlots: () => FreeSlotSearch }) {
  void infra;
  void deps;
  const parts: ModuleParts = { bindings: [] };
  return { catalog: {}, parts };
}
