// Which free slots a booking change can alter: the pure window function behind availabilityChanged.
import { bookingWindow, horizonWindow } from '../src/modules/realtime/availability-window';

const at = (hhmm: string) => `2031-03-10T${hhmm}:00.000Z`;
const HELD = 75 * 60_000; // a 60-minute service with a 15-minute buffer

describe('bookingWindow', () => {
  it('covers a new hold, from a held length before its start to its blocked end', () => {
    expect(bookingWindow('INSERT', { status: 'REQUESTED', startsAt: at('10:00'), blockedUntil: at('11:00') }, HELD)).toEqual({
      from: new Date(at('08:45')),
      to: new Date(at('11:00')),
    });
  });

  it('spans the old and the new time of a moved booking', () => {
    const moved = {
      status: 'CONFIRMED',
      previousStatus: 'CONFIRMED',
      startsAt: at('14:00'),
      blockedUntil: at('15:30'),
      previousStartsAt: at('10:00'),
      previousBlockedUntil: at('11:00'),
    } as const;
    expect(bookingWindow('UPDATE', moved, HELD)).toEqual({ from: new Date(at('08:45')), to: new Date(at('15:30')) });
  });

  it('covers a hold that ends (cancelled, expired) and a deleted holding booking', () => {
    const cancelled = {
      status: 'CANCELLED',
      previousStatus: 'CONFIRMED',
      startsAt: at('10:00'),
      blockedUntil: at('11:00'),
      previousStartsAt: at('10:00'),
      previousBlockedUntil: at('11:00'),
    } as const;
    expect(bookingWindow('UPDATE', cancelled, 0)).toEqual({ from: new Date(at('10:00')), to: new Date(at('11:00')) });
    expect(bookingWindow('DELETE', { status: 'PENDING_PAYMENT', startsAt: at('10:00'), blockedUntil: at('11:00') }, 0)).toEqual({
      from: new Date(at('10:00')),
      to: new Date(at('11:00')),
    });
  });

  it('is null when the held time did not change', () => {
    const accepted = {
      status: 'PENDING_PAYMENT',
      previousStatus: 'REQUESTED',
      startsAt: at('10:00'),
      blockedUntil: at('11:00'),
      previousStartsAt: at('10:00'),
      previousBlockedUntil: at('11:00'),
    } as const;
    expect(bookingWindow('UPDATE', accepted, HELD)).toBeNull();
    const completed = { ...accepted, status: 'COMPLETED', previousStatus: 'CANCELLED' } as const;
    expect(bookingWindow('UPDATE', completed, HELD)).toBeNull();
    expect(bookingWindow('INSERT', { status: 'CANCELLED', startsAt: at('10:00'), blockedUntil: at('11:00') }, HELD)).toBeNull();
  });
});

describe('horizonWindow', () => {
  it("runs from now to the provider's horizon, counted in their zone across DST", () => {
    // New York springs forward on 9 March 2031 (a Sunday, 2 a.m.): 2 local days ahead are 47 real hours.
    const now = new Date('2031-03-08T12:00:00.000Z');
    expect(horizonWindow(now, 'America/New_York', 2)).toEqual({ from: now, to: new Date('2031-03-10T11:00:00.000Z') });
  });
});
