import { describe, expect, it } from 'vitest';
import { monthOf, monthWindow, slotLabel, slotsByDay } from './slot-days';

describe('slotsByDay', () => {
  // As availableSlots(timeZone: "Asia/Dhaka") answers: Dhaka is UTC+6, so 19:00Z on the 3rd
  // is already 01:00 on the 4th there, whatever zone the machine running this is in.
  const slot = (startsAt: string, localDate: string, localTime: string) => ({ startsAt, localDate, localTime, seatsLeft: 1 });
  const slots = [
    slot('2026-12-03T19:00:00Z', '2026-12-04', '01:00'),
    slot('2026-12-03T03:30:00Z', '2026-12-03', '09:30'),
    slot('2026-12-04T03:30:00Z', '2026-12-04', '09:30'),
  ];

  it("groups slots by the local date the API gave in the viewer's zone, in start order", () => {
    const days = slotsByDay(slots);
    expect([...days.keys()]).toEqual(['2026-12-03', '2026-12-04']);
    expect(days.get('2026-12-04')!.map((s) => s.localTime)).toEqual(['01:00', '09:30']);
  });
});

describe('slotLabel', () => {
  it('names a single-seat slot by its local time only', () => {
    expect(slotLabel({ localTime: '09:30', seatsLeft: 1 }, 1)).toBe('09:30');
  });

  it('says how many seats are left when a start sells several', () => {
    expect(slotLabel({ localTime: '09:30', seatsLeft: 2 }, 6)).toBe('09:30 · 2 seats left');
    expect(slotLabel({ localTime: '18:00', seatsLeft: 1 }, 6)).toBe('18:00 · 1 seat left');
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
