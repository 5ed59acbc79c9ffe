import { describe, expect, it } from 'vitest';
import { dayLabel, dayTone, describeException, exceptionsByDay, todayIn } from './exception-days';

const dayOff = { id: 'a', date: '2026-12-03', kind: 'BLOCKED' as const, startMinute: null, endMinute: null };
const lunch = { id: 'b', date: '2026-12-03', kind: 'BLOCKED' as const, startMinute: 720, endMinute: 780 };
const evening = { id: 'c', date: '2026-12-05', kind: 'EXTRA' as const, startMinute: 1080, endMinute: 1440 };
const early = { id: 'd', date: '2026-12-03', kind: 'EXTRA' as const, startMinute: 420, endMinute: 480 };

describe('exceptionsByDay', () => {
  it('groups by the local date as given, dates ascending, a day off first then by start', () => {
    const days = exceptionsByDay([evening, lunch, early, dayOff]);
    expect([...days.keys()]).toEqual(['2026-12-03', '2026-12-05']);
    expect(days.get('2026-12-03')!.map((x) => x.id)).toEqual(['a', 'd', 'b']);
    expect(days.get('2026-12-05')!.map((x) => x.id)).toEqual(['c']);
  });
});

describe('describing a day', () => {
  it('names each kind the way the provider entered it', () => {
    expect(describeException(dayOff)).toBe('day off');
    expect(describeException(lunch)).toBe('blocked 12:00–13:00');
    expect(describeException(evening)).toBe('extra hours 18:00–24:00');
  });

  it("labels a calendar day with its date and what is special about it, in every viewer's zone", () => {
    expect(dayLabel('2026-12-03', [dayOff, lunch]).replace(/^(\w+),/, '$1')).toBe('Thu 3 Dec 2026: day off; blocked 12:00–13:00');
    expect(dayLabel('2026-12-04').replace(/^(\w+),/, '$1')).toBe('Fri 4 Dec 2026');
  });

  it('marks days with any blocked time red and days that only add hours teal', () => {
    expect(dayTone([early, lunch])).toBe('red');
    expect(dayTone([evening])).toBe('teal');
  });

  it("opens on today in the provider's zone, not the viewer's", () => {
    // 19:00Z on the 3rd is already 01:00 on the 4th in Dhaka (UTC+6).
    expect(todayIn('Asia/Dhaka', new Date('2026-12-03T19:00:00Z'))).toBe('2026-12-04');
    expect(todayIn('America/New_York', new Date('2026-12-03T19:00:00Z'))).toBe('2026-12-03');
  });
});
