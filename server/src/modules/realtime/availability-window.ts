// Which free slots a change can alter: pure functions of the change_event payload.
import { DateTime } from 'luxon';
import type { BookingStatus } from '../../generated/prisma/enums';
import { HOLDING_STATUSES } from '../availability/schedule-store';

export interface Window {
  from: Date;
  to: Date;
}

/** What the booking trigger records (prisma/migrations/…_init, homeser_booking_changed). */
export interface BookingPayload {
  status?: BookingStatus;
  previousStatus?: BookingStatus | null;
  startsAt?: string;
  blockedUntil?: string;
  previousStartsAt?: string | null;
  previousBlockedUntil?: string | null;
}

type Span = [number, number];

const holds = (status: BookingStatus | null | undefined) => Boolean(status && HOLDING_STATUSES.includes(status));
const span = (from: string | null | undefined, to: string | null | undefined): Span | null =>
  from && to ? [Date.parse(from), Date.parse(to)] : null;

/**
 * The window of a service's free slots that a booking change can alter, or null when the
 * time it holds did not change (REQUESTED → PENDING_PAYMENT, or a change to a booking
 * that held nothing before or after). A slot of the watched service is blocked for
 * `heldMs` (duration + buffer) from its start, so slots starting up to heldMs before
 * the booking's start are affected too.
 *
 * Example: watching a 60-min service with a 15-min buffer (heldMs = 75 min), a booking
 * moved from 10:00–11:00 to 14:00–15:30 (blocked until) gives 08:45 to 15:30.
 */
export function bookingWindow(op: string, p: BookingPayload, heldMs: number): Window | null {
  const before =
    op === 'INSERT'
      ? null
      : op === 'DELETE'
        ? held(p.status, p.startsAt, p.blockedUntil)
        : held(p.previousStatus, p.previousStartsAt, p.previousBlockedUntil);
  const after = op === 'DELETE' ? null : held(p.status, p.startsAt, p.blockedUntil);
  if (!before && !after) return null;
  if (before && after && before[0] === after[0] && before[1] === after[1]) return null;
  const spans = [before, after].filter((s): s is Span => s !== null);
  const from = Math.min(...spans.map((s) => s[0])) - heldMs;
  const to = Math.max(...spans.map((s) => s[1]));
  return { from: new Date(from), to: new Date(to) };
}

function held(status: BookingStatus | null | undefined, from: string | null | undefined, to: string | null | undefined): Span | null {
  return holds(status) ? span(from, to) : null;
}

/** Rules, exceptions or settings changed: everything bookable from now to the provider's horizon. */
export function horizonWindow(now: Date, timeZone: string, maxAdvanceDays: number): Window {
  const to = DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: maxAdvanceDays }).toJSDate();
  return { from: now, to };
}
