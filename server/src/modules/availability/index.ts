// STUB — being replaced by the availability implementation.
import type { Infra } from '../../infra';
import type { ModuleParts } from '../module';

export const availabilityResolvers = [] as const;

export function availabilityModule(infra: Infra, deps: { catalog: unknown }) {
  void infra;
  void deps;
  const parts: ModuleParts = { bindings: [] };
  return { availability: { serviceIdsWithFreeSlot: async () => [] as string[] }, parts };
}
