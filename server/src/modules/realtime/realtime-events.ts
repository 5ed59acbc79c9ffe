// What the subscriptions deliver, free of any transport: the service builds these, and
// realtime.types.ts publishes them as GraphQL types.
import type { Booking as BookingRow } from '../../generated/prisma/client';
import type { BookingStatus } from '../../generated/prisma/enums';

export const ChangeKind = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  DELETED: 'DELETED',
} as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/** change_event.op → ChangeKind. */
export const KIND_OF_OP: Record<string, ChangeKind> = { INSERT: 'CREATED', UPDATE: 'UPDATED', DELETE: 'DELETED' };

export interface BookingChange {
  eventId: string;
  kind: ChangeKind;
  booking: BookingRow;
  previousStatus: BookingStatus | null;
  occurredAt: Date;
}

export interface AvailabilityChange {
  eventId: string;
  serviceId: string;
  providerId: string;
  from: Date;
  to: Date;
  occurredAt: Date;
}
