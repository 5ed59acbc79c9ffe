// STUB — being replaced by the payments implementation.
import type { Infra } from '../../infra';
import type { ModuleParts } from '../module';

export const paymentsResolvers = [] as const;

export function paymentsModule(infra: Infra, deps: { bookings: unknown; users: unknown }) {
  void infra;
  void deps;
  const parts: ModuleParts = { bindings: [] };
  return { payments: {}, parts };
}
