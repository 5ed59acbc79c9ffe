// The scheduling model, rule by rule, in seven zones from +14 to -12 with 30- and
// 45-minute offsets: each expectation is the provider's wall clock, so the same rule
// must give the same local times everywhere. Frozen `now`; Monday 2026-06-15 (no zone
// here changes its clocks within days of it).
import { DateTime } from 'luxon';
import { computeSlots, type BusyInterval, type SlotQuery } from './slot-calculator';
import { clockTimes, exception, hours, onDay } from './testing/slot-queries';

const ZONES = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/New_York',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
];
const DAY = '2026-06-15'; // a Monday

describe.each(ZONES)('in %s', (timeZone) => {
  const local = (time: string, date = DAY) => DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
  const day = (over: Partial<SlotQuery>, date = DAY) => onDay(date, { timeZone, ...over });
  const times = (q: SlotQuery) => clockTimes(computeSlots(q), timeZone);
  const busy = (from: string, to: string, seatOf?: string): BusyInterval => ({
    start: local(from),
    end: local(to),
    ...(seatOf && { seatOf: local(seatOf).getTime() }),
  });

  it('offers a 60-minute service every 30 minutes when its interval says so', () => {
    expect(times(day({ rules: hours('09:00', '11:00'), intervalMinutes: 30 }))).toEqual(['09:00', '09:30', '10:00']);
  });

  it('re-anchors after a booking: a 15-minute booking costs a 45-minute service 15 minutes, not a slot', () => {
    const q = day({ rules: hours('09:00', '17:00'), durationMinutes: 45 });
    expect(times(q)).toHaveLength(10);
    const after = times({ ...q, busy: [busy('09:00', '09:15')] });
    expect(after.slice(0, 3)).toEqual(['09:15', '10:00', '10:45']);
    expect(after).toHaveLength(10);
  });

  it('re-anchors at the notice boundary, rounded up to the alignment', () => {
    const q = day({ rules: hours('09:00', '12:00'), intervalMinutes: 15, now: local('08:50'), minNoticeMinutes: 30 });
    expect(times(q)[0]).toBe('09:30');
  });

  it('keeps buffers before and after each booking of the service free of other bookings', () => {
    const q = day({ rules: hours('09:00', '13:00'), intervalMinutes: 30, bufferBeforeMinutes: 30, bufferMinutes: 15 });
    // 09:00 would end 10:00 + 15 min, into the booking; 11:00 would need 10:30 free.
    expect(times({ ...q, busy: [busy('10:00', '11:00')] })).toEqual(['11:30', '12:00']);
    expect(times(q)[0]).toBe('09:00'); // a buffer may run outside working hours
  });

  it("uses the service's own notice and a horizon in hours or whole local days", () => {
    const now = local('10:00');
    const base = { rules: hours('09:00', '17:00'), now, from: now, to: local('00:00', '2026-06-20') };
    const inHours = computeSlots({ ...onDay(DAY, { timeZone }), ...base, horizon: { unit: 'ROLLING_HOURS', amount: 3 } });
    expect(clockTimes(inHours, timeZone)).toEqual(['10:00', '11:00', '12:00', '13:00']);
    const wholeDays = computeSlots({ ...onDay(DAY, { timeZone }), ...base, horizon: { unit: 'CALENDAR_DAYS', amount: 1 } });
    const last = DateTime.fromJSDate(wholeDays.at(-1)!.startsAt, { zone: timeZone });
    expect(last.toFormat('yyyy-MM-dd HH:mm')).toBe('2026-06-16 16:00'); // until the end of tomorrow
    const notice = computeSlots({ ...onDay(DAY, { timeZone }), ...base, minNoticeMinutes: 120 });
    expect(clockTimes(notice, timeZone)[0]).toBe('12:00');
  });

  it("replaces a date's hours with an OVERRIDE, leaving other dates alone", () => {
    const q = { rules: hours('09:00', '17:00'), exceptions: [exception(DAY, 'OVERRIDE', '13:00', '15:00')] };
    expect(times(day(q))).toEqual(['13:00', '14:00']);
    expect(times(day(q, '2026-06-16'))).toHaveLength(8);
  });

  it('holds a 3-hour slot across midnight in a night shift (22:00–24:00 then 00:00–02:00)', () => {
    const rules = [...hours('22:00', '24:00', [1]), ...hours('00:00', '02:00', [2])];
    expect(times(day({ rules, durationMinutes: 180, intervalMinutes: 60 }))).toEqual(['22:00', '23:00']);
  });

  it('sells a seated start until its capacity is taken, and says how many seats are left', () => {
    const q = day({ rules: hours('09:00', '12:00'), capacity: 3 });
    const twoTaken = computeSlots({ ...q, busy: [busy('10:00', '11:00', '10:00'), busy('10:00', '11:00', '10:00')] });
    expect(twoTaken.map((s) => [clockTimes([s], timeZone)[0], s.seatsLeft])).toEqual([
      ['09:00', 3],
      ['10:00', 1],
      ['11:00', 3],
    ]);
    const full = [1, 2, 3].map(() => busy('10:00', '11:00', '10:00'));
    expect(times({ ...q, busy: full })).toEqual(['09:00', '11:00']);
    // Seats of another start are busy time: a 30-minute-interval start inside that session is not offered.
    expect(times({ ...q, intervalMinutes: 30, busy: full })).toEqual(['09:00', '11:00']);
  });

  it('offers nothing more on a day or in a week whose booking limit is reached', () => {
    const counted = [local('09:00'), local('10:00')].map((startsAt) => ({ startsAt, minutes: 60 }));
    const q = { rules: hours('12:00', '14:00'), limits: [{ period: 'DAY' as const, maxBookings: 2, maxMinutes: null, counted }] };
    expect(times(day(q))).toEqual([]);
    expect(times(day(q, '2026-06-16'))).toEqual(['12:00', '13:00']);
    const weekly = { ...q, limits: [{ period: 'WEEK' as const, maxBookings: null, maxMinutes: 180, counted }] };
    expect(times(day(weekly, '2026-06-21'))).toEqual(['12:00', '13:00']); // Sunday: same week, 60 + 60 + 60 fits
    expect(times(day({ ...weekly, durationMinutes: 90, intervalMinutes: 30 }, '2026-06-21'))).toEqual([]);
    expect(times(day(weekly, '2026-06-22'))).toEqual(['12:00', '13:00']); // next Monday: a new week
  });
});
