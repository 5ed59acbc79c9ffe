// STUB — being replaced by the bookings implementation.
import type { Infra } from '../../infra';
import type { ModuleParts } from '../module';

export const bookingsResolvers = [] as const;

export function bookingsModule(infra: Infra, deps: { catalog: unknown; availability: unknown; users: unknown }) {
  void infra;
  void deps;
  const parts: ModuleParts = { bindings: [] };
  return { bookings: {}, parts };
}
