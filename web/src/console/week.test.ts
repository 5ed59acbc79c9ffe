import { describe, expect, it } from 'vitest';
import { addDays, localMinutes, mondayOf, startOfLocalDay, weekDays, weekWindow } from './week';

describe('weeks in a zone', () => {
  it("starts the provider's week on Monday, local midnight in their zone", () => {
    const thursday = new Date('2026-12-03T10:00:00Z');
    expect(mondayOf(thursday, 'Asia/Dhaka')).toBe('2026-11-30');
    expect(weekWindow('2026-11-30', 'Asia/Dhaka')).toEqual({
      from: new Date('2026-11-29T18:00:00Z'),
      to: new Date('2026-12-06T18:00:00Z'),
    });
  });

  it('counts the local day, not the UTC one', () => {
    // Sunday 20:00 UTC is already Monday in Dhaka: the next week.
    expect(mondayOf(new Date('2026-12-06T20:00:00Z'), 'Asia/Dhaka')).toBe('2026-12-07');
    expect(mondayOf(new Date('2026-12-06T20:00:00Z'), 'America/New_York')).toBe('2026-11-30');
  });

  it('keeps local midnight across a daylight-saving change', () => {
    // New York moves to EDT on 2026-03-08: that day starts at 05:00Z, the next at 04:00Z.
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(localMinutes('2026-03-08T14:30:00Z', 'America/New_York')).toBe(9 * 60 + 30 + 60);
  });

  it('places an instant at its local minutes and walks days across months', () => {
    expect(localMinutes('2026-12-03T03:30:00Z', 'Asia/Dhaka')).toBe(9 * 60 + 30);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });
});
