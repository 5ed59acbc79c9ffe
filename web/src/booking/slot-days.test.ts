import { describe, expect, it } from 'vitest';
import { monthOf, monthWindow, slotsByDay } from './slot-days';

describe('slotsByDay', () => {
  const slots = [
    { startsAt: '2026-12-03T19:00:00Z', endsAt: '2026-12-03T20:00:00Z' },
    { startsAt: '2026-12-03T03:30:00Z', endsAt: '2026-12-03T04:30:00Z' },
    { startsAt: '2026-12-04T03:30:00Z', endsAt: '2026-12-04T04:30:00Z' },
  ];

  it('groups slots by the local day of the zone, in start order', () => {
    // Dhaka is UTC+6: 19:00Z on the 3rd is already 01:00 on the 4th there.
    const dhaka = slotsByDay(slots, 'Asia/Dhaka');
    expect([...dhaka.keys()]).toEqual(['2026-12-03', '2026-12-04']);
    expect(dhaka.get('2026-12-04')!.map((s) => s.startsAt)).toEqual(['2026-12-03T19:00:00Z', '2026-12-04T03:30:00Z']);
  });

  it('puts the same instants on other days in a zone behind UTC', () => {
    // New York is UTC−5 in December: 03:30Z on the 3rd is 22:30 on the 2nd.
    const newYork = slotsByDay(slots, 'America/New_York');
    expect([...newYork.keys()]).toEqual(['2026-12-02', '2026-12-03']);
    expect(newYork.get('2026-12-03')!.length).toBe(2);
  });
});

describe('monthWindow', () => {
  it('asks for what is left of the current month, from now', () => {
    const now = new Date(2026, 11, 15, 10, 0);
    expect(monthWindow('2026-12-01', now)).toEqual({ from: now.toISOString(), to: new Date(2027, 0, 1).toISOString() });
  });

  it('asks for a whole future month, and nothing for a past one', () => {
    const now = new Date(2026, 11, 15, 10, 0);
    expect(monthWindow('2027-02-01', now)).toEqual({ from: new Date(2027, 1, 1).toISOString(), to: new Date(2027, 2, 1).toISOString() });
    expect(monthWindow('2026-11-01', now)).toBeNull();
  });

  it('names a day by its month', () => expect(monthOf('2026-12-31')).toBe('2026-12-01'));
});
