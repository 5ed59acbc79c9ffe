import { describe, expect, it } from 'vitest';
import { chartRows } from './insight-rows';
import { placeDay } from './week-placement';

const at = (start: string, end: string) => ({ startsAt: start, endsAt: end });

describe('the week calendar', () => {
  it("places bookings at their local time in the provider's zone, side by side only where they overlap", () => {
    // Dhaka is UTC+6: 03:00Z is 09:00 there.
    const placed = placeDay(
      [
        at('2026-12-03T05:00:00Z', '2026-12-03T06:00:00Z'), // 11:00–12:00
        at('2026-12-03T03:30:00Z', '2026-12-03T04:30:00Z'), // 09:30–10:30
        at('2026-12-03T03:00:00Z', '2026-12-03T04:00:00Z'), // 09:00–10:00
      ],
      'Asia/Dhaka',
    );
    expect(placed.map(({ startMinute, endMinute, lane, lanes }) => ({ startMinute, endMinute, lane, lanes }))).toEqual([
      { startMinute: 540, endMinute: 600, lane: 0, lanes: 2 },
      { startMinute: 570, endMinute: 630, lane: 1, lanes: 2 },
      { startMinute: 660, endMinute: 720, lane: 0, lanes: 1 },
    ]);
  });

  it('reuses a lane freed within a run, and back-to-back bookings do not overlap', () => {
    const placed = placeDay(
      [
        at('2026-12-03T03:00:00Z', '2026-12-03T05:00:00Z'), // 09:00–11:00
        at('2026-12-03T03:00:00Z', '2026-12-03T04:00:00Z'), // 09:00–10:00
        at('2026-12-03T04:00:00Z', '2026-12-03T05:00:00Z'), // 10:00–11:00, in the lane 09:00–10:00 left
        at('2026-12-03T05:00:00Z', '2026-12-03T06:00:00Z'), // 11:00–12:00, alone
      ],
      'Asia/Dhaka',
    );
    expect(placed.map((p) => [p.lane, p.lanes])).toEqual([
      [0, 2],
      [1, 2],
      [1, 2],
      [0, 1],
    ]);
  });
});

describe('insights', () => {
  const daily = [
    { date: '2026-11-29', bookings: 1, revenue: { amount: 50_000 } }, // Sunday
    { date: '2026-11-30', bookings: 2, revenue: { amount: 300_000 } }, // Monday
    { date: '2026-12-01', bookings: 1, revenue: { amount: 150_050 } },
  ];

  it('charts per day in taka (stored in poisha)', () => {
    expect(chartRows(daily, 'day')).toEqual([
      { label: '11-29', bookings: 1, revenue: 500 },
      { label: '11-30', bookings: 2, revenue: 3000 },
      { label: '12-01', bookings: 1, revenue: 1500.5 },
    ]);
  });

  it('sums Monday-to-Sunday weeks', () => {
    expect(chartRows(daily, 'week')).toEqual([
      { label: 'w/c 11-23', bookings: 1, revenue: 500 },
      { label: 'w/c 11-30', bookings: 3, revenue: 4500.5 },
    ]);
  });
});
