// Boundaries on the nights clocks change, read as the issue asks: a working range starts
// at the later of two readings and ends at the earlier; a BLOCKED piece covers every
// instant whose wall time it names, in a repeated hour and in a spring-forward gap.
// London and New York move by an hour, Lord Howe by half an hour (2026: back on 5 April
// 02:00 → 01:30, forward on 4 October 02:00 → 02:30). Frozen `now`, as every slot test.
import { canonicalZone } from '../../input-validation';
import { computeSlots } from './slot-calculator';
import { exception, hours, onDay, wall } from './testing/slot-queries';
import { ZoneClock } from './zone-clock';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';

describe('a range that ends in a repeated hour ends at its first reading', () => {
  it.each([
    [LONDON, '2026-10-25', ['00:00+01:00', '00:30+01:00']],
    [NEW_YORK, '2026-11-01', ['00:00-04:00', '00:30-04:00']],
  ])('%s, 00:00–01:00 on %s offers no slot in the second 01:00 hour', (timeZone, date, expected) => {
    const slots = computeSlots(onDay(date, { timeZone, rules: hours('00:00', '01:00'), durationMinutes: 30 }));
    expect(wall(slots, timeZone)).toEqual(expected);
  });

  it('Lord Howe, 00:00–01:45 on 2026-04-05: the last 15-minute slot starts 01:30 at +11, before the clocks go back', () => {
    const slots = computeSlots(onDay('2026-04-05', { timeZone: LORD_HOWE, rules: hours('00:00', '01:45'), durationMinutes: 15 }));
    expect(wall(slots, LORD_HOWE).slice(-2)).toEqual(['01:15+11:00', '01:30+11:00']);
  });
});

describe('a BLOCKED piece in a repeated hour blocks both readings', () => {
  it.each([
    [LONDON, '2026-10-25', ['00:00+01:00', '02:00+00:00', '03:00+00:00']],
    [NEW_YORK, '2026-11-01', ['00:00-04:00', '02:00-05:00', '03:00-05:00']],
  ])('%s, BLOCKED 01:00–02:00 on %s leaves neither 01:00 bookable', (timeZone, date, expected) => {
    const q = onDay(date, { timeZone, rules: hours('00:00', '04:00'), exceptions: [exception(date, 'BLOCKED', '01:00', '02:00')] });
    expect(wall(computeSlots(q), timeZone)).toEqual(expected);
  });

  it('Lord Howe, BLOCKED 01:30–02:00 on 2026-04-05 covers the half hour both times', () => {
    const exceptions = [exception('2026-04-05', 'BLOCKED', '01:30', '02:00')];
    const q = onDay('2026-04-05', { timeZone: LORD_HOWE, rules: hours('00:00', '03:00'), exceptions, durationMinutes: 30 });
    expect(wall(computeSlots(q), LORD_HOWE)).toEqual(['00:00+11:00', '00:30+11:00', '01:00+11:00', '02:00+10:30', '02:30+10:30']);
  });
});

describe('a start in a repeated hour is read at the later offset', () => {
  it('Lord Howe, 01:30–03:00 on 2026-04-05 opens at 01:30 +10:30 (after the clocks went back)', () => {
    const q = onDay('2026-04-05', { timeZone: LORD_HOWE, rules: hours('01:30', '03:00'), durationMinutes: 30 });
    expect(wall(computeSlots(q), LORD_HOWE)).toEqual(['01:30+10:30', '02:00+10:30', '02:30+10:30']);
  });

  it.each([
    [LONDON, '2026-10-25', ['01:30+00:00', '02:00+00:00', '02:30+00:00']],
    [NEW_YORK, '2026-11-01', ['01:30-05:00', '02:00-05:00', '02:30-05:00']],
  ])('%s, 01:30–03:00 on %s opens at the standard-time 01:30', (timeZone, date, expected) => {
    const q = onDay(date, { timeZone, rules: hours('01:30', '03:00'), durationMinutes: 30 });
    expect(wall(computeSlots(q), timeZone)).toEqual(expected);
  });
});

describe('a BLOCKED piece that starts in a spring-forward gap blocks from the jump', () => {
  it.each([
    [NEW_YORK, '2026-03-08', '02:30', '04:00', ['00:00-05:00', '00:30-05:00', '01:00-05:00', '01:30-05:00', '04:00-04:00', '04:30-04:00']],
    [LONDON, '2026-03-29', '01:30', '03:00', ['00:00+00:00', '00:30+00:00', '03:00+01:00', '03:30+01:00', '04:00+01:00', '04:30+01:00']],
  ])('%s on %s: BLOCKED %s–%s leaves no slot before its end', (timeZone, date, from, to, expected) => {
    const exceptions = [exception(date, 'BLOCKED', from, to)];
    const q = onDay(date, { timeZone, rules: hours('00:00', '05:00'), exceptions, durationMinutes: 30 });
    expect(wall(computeSlots(q), timeZone)).toEqual(expected);
  });

  it('Lord Howe, BLOCKED 02:15–03:00 on 2026-10-04 (02:00–02:30 never happens) blocks 02:30–03:00 +11', () => {
    const exceptions = [exception('2026-10-04', 'BLOCKED', '02:15', '03:00')];
    const q = onDay('2026-10-04', { timeZone: LORD_HOWE, rules: hours('01:00', '04:00'), exceptions, durationMinutes: 15 });
    expect(wall(computeSlots(q), LORD_HOWE)).toEqual([
      '01:00+10:30',
      '01:15+10:30',
      '01:30+10:30',
      '01:45+10:30',
      ...['03:00', '03:15', '03:30', '03:45'].map((t) => `${t}+11:00`),
    ]);
  });
});

describe('ZoneClock', () => {
  const clock = ZoneClock.covering(LORD_HOWE, Date.parse('2026-04-03T00:00Z'), Date.parse('2026-04-07T00:00Z'));

  it('finds the half-hour change to the minute and both readings of a repeated wall time', () => {
    expect(clock.transitionsBetween(-Infinity, Infinity)).toEqual([Date.parse('2026-04-04T15:00Z')]);
    const repeated = Date.parse('2026-04-05T01:45:00Z'); // wall 01:45 as a UTC value
    expect(clock.instantsAt(repeated).map((t) => new Date(t).toISOString())).toEqual([
      '2026-04-04T14:45:00.000Z',
      '2026-04-04T15:15:00.000Z',
    ]);
  });

  it('resolves a wall time in a gap to the end of the gap', () => {
    const ny = ZoneClock.covering(NEW_YORK, Date.parse('2026-03-07T00:00Z'), Date.parse('2026-03-09T00:00Z'));
    const gap = Date.parse('2026-03-08T02:30:00Z');
    expect(ny.instantsAt(gap)).toEqual([]);
    expect(new Date(ny.resolve(gap, 'earliest')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});

describe('zone names are stored canonically', () => {
  it.each([
    ['asia/dhaka', 'Asia/Dhaka'],
    ['ASIA/KOLKATA', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['asia/kathmandu', 'Asia/Kathmandu'],
    ['australia/lord_howe', 'Australia/Lord_Howe'],
    ['etc/gmt+12', 'Etc/GMT+12'],
    ['US/Eastern', 'America/New_York'],
    ['utc', 'UTC'],
  ])('%s → %s', (given, stored) => {
    expect(canonicalZone(given)).toBe(stored);
  });

  it('knows no zone called Mars/Olympus or Dhaka', () => {
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('Dhaka')).toBeNull();
  });
});
