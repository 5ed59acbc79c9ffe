// Slot math with a frozen `now` and odd zones: Dhaka (+06), Kolkata (+05:30), and London
// and New York across the 2026 DST changes. Expectations are written as the provider's
// wall times (with offsets) or as UTC instants, whichever makes the behaviour plainer.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { computeSlots, isBookableStart, type DateException, type SlotQuery, type WeeklyRule } from './slot-calculator';
import { aQuery, at, exception, hours, isoStarts, onDay, utc, wall } from './testing/slot-queries';

function windowOf(q: SlotQuery): Pick<SlotQuery, 'from' | 'to'> {
  return { from: q.from, to: q.to };
}

describe('computeSlots: the working day', () => {
  it("aligns starts to the interval on the provider's clock (09:05–12:00, 60 min → 10:00, 11:00)", () => {
    const slots = computeSlots(onDay('2026-06-15', { rules: hours('09:05', '12:00') }));
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['10:00+06:00', '11:00+06:00']);
  });

  it('returns UTC instants, each lasting the service duration', () => {
    const [first] = computeSlots(onDay('2026-06-15', { durationMinutes: 45 }));
    expect(first).toEqual({ startsAt: utc('2026-06-15T03:00:00Z'), endsAt: utc('2026-06-15T03:45:00Z'), seatsLeft: 1 });
  });

  it('reads a half-hour zone correctly (Kolkata 09:00 is 03:30 UTC)', () => {
    const slots = computeSlots(onDay('2026-06-15', { timeZone: 'Asia/Kolkata', rules: hours('09:00', '11:00') }));
    expect(isoStarts(slots)).toEqual(['2026-06-15T03:30:00.000Z', '2026-06-15T04:30:00.000Z']);
  });

  it('restarts the step at each of several ranges in a day', () => {
    const rules = [...hours('09:00', '11:30'), ...hours('13:15', '15:00')];
    const slots = computeSlots(onDay('2026-06-15', { rules, durationMinutes: 45 }));
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['09:00+06:00', '09:45+06:00', '10:30+06:00', '13:15+06:00', '14:00+06:00']);
  });

  it('merges touching ranges so the step runs across the seam', () => {
    const rules = [...hours('09:00', '10:30'), ...hours('10:30', '12:00')];
    const slots = computeSlots(onDay('2026-06-15', { rules }));
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['09:00+06:00', '10:00+06:00', '11:00+06:00']);
  });

  it('opens EXTRA hours on a closed day and extends an open one', () => {
    const q = aQuery({
      rules: hours('09:00', '12:00', [1, 2, 3, 4, 5]),
      exceptions: [exception('2026-06-13', 'EXTRA', '10:00', '12:00'), exception('2026-06-15', 'EXTRA', '12:00', '14:00')],
    });
    const saturday = computeSlots({ ...q, ...windowOf(onDay('2026-06-13')) });
    expect(wall(saturday, 'Asia/Dhaka')).toEqual(['10:00+06:00', '11:00+06:00']);
    expect(computeSlots({ ...q, ...windowOf(onDay('2026-06-15')) })).toHaveLength(5); // 09:00–14:00
  });

  it('closes a whole BLOCKED day and leaves the next day alone', () => {
    const q = aQuery({ exceptions: [exception('2026-06-15', 'BLOCKED')] });
    expect(computeSlots({ ...q, ...windowOf(onDay('2026-06-15')) })).toEqual([]);
    expect(computeSlots({ ...q, ...windowOf(onDay('2026-06-16')) })).toHaveLength(8);
  });

  it('cuts a partial BLOCKED piece out and re-anchors at the next aligned time after it', () => {
    const exceptions = [exception('2026-06-15', 'BLOCKED', '09:00', '09:30')];
    const q = onDay('2026-06-15', { rules: hours('09:00', '13:00'), exceptions });
    expect(wall(computeSlots(q), 'Asia/Dhaka')).toEqual(['10:00+06:00', '11:00+06:00', '12:00+06:00']);
    expect(wall(computeSlots({ ...q, intervalMinutes: 30 }), 'Asia/Dhaka').slice(0, 2)).toEqual(['09:30+06:00', '10:00+06:00']);
  });

  it('ends a range at the next local midnight when endMinute is 1440', () => {
    const slots = computeSlots(onDay('2026-06-15', { rules: hours('22:00', '24:00'), durationMinutes: 120 }));
    expect(isoStarts(slots)).toEqual(['2026-06-15T16:00:00.000Z']);
    expect(slots[0]!.endsAt).toEqual(at('2026-06-16T00:00', 'Asia/Dhaka'));
  });
});

describe('computeSlots: the window and the customer', () => {
  it('includes a slot starting exactly at `from` and excludes one starting exactly at `to`', () => {
    const q = aQuery({ from: at('2026-06-15T10:00', 'Asia/Dhaka'), to: at('2026-06-15T12:00', 'Asia/Dhaka') });
    expect(wall(computeSlots(q), 'Asia/Dhaka')).toEqual(['10:00+06:00', '11:00+06:00']);
  });

  it('gives a New York customer their own day of a Dhaka provider: instants from two Dhaka dates', () => {
    const customerDay = DateTime.fromISO('2026-06-16', { zone: 'America/New_York' });
    const q = aQuery({ from: customerDay.toJSDate(), to: customerDay.plus({ days: 1 }).toJSDate() });
    expect(isoStarts(computeSlots(q))).toEqual([
      ...[4, 5, 6, 7, 8, 9, 10].map((h) => `2026-06-16T${String(h).padStart(2, '0')}:00:00.000Z`),
      '2026-06-17T03:00:00.000Z', // 09:00 on the 17th in Dhaka, still the 16th in New York
    ]);
  });

  it('finds slots of a local date that begins on the previous UTC day (Kolkata night shift)', () => {
    const q = aQuery({
      timeZone: 'Asia/Kolkata',
      rules: hours('00:00', '02:00'),
      from: utc('2026-06-14T12:00:00Z'),
      to: utc('2026-06-15T00:00:00Z'),
    });
    expect(isoStarts(computeSlots(q))).toEqual(['2026-06-14T18:30:00.000Z', '2026-06-14T19:30:00.000Z']);
  });
});

describe('computeSlots: notice, horizon and busy time', () => {
  it('hides slots inside the minimum notice, keeping one exactly at its edge', () => {
    const now = at('2026-06-15T08:00', 'Asia/Dhaka');
    const q = onDay('2026-06-15', { now, minNoticeMinutes: 180 });
    expect(wall(computeSlots(q), 'Asia/Dhaka')[0]).toBe('11:00+06:00');
    expect(wall(computeSlots({ ...q, minNoticeMinutes: 181 }), 'Asia/Dhaka')[0]).toBe('12:00+06:00');
  });

  it('offers nothing after maxAdvanceDays, a slot exactly at the horizon included', () => {
    const now = at('2026-06-15T10:00', 'Asia/Dhaka');
    const slots = computeSlots(aQuery({ now, from: now, maxAdvanceDays: 7 }));
    expect(slots.at(-1)!.startsAt).toEqual(at('2026-06-22T10:00', 'Asia/Dhaka'));
  });

  it('counts the horizon in calendar days of the provider, across a DST change', () => {
    const now = at('2026-03-27T10:00', 'Europe/London'); // GMT; seven days later is BST
    const slots = computeSlots(aQuery({ timeZone: 'Europe/London', now, from: now, maxAdvanceDays: 7 }));
    expect(wall(slots.slice(-1), 'Europe/London')).toEqual(['10:00+01:00']);
  });

  it('refuses a slot whose buffer would overlap a later booking, and a slot inside a booking', () => {
    const busy = [{ start: at('2026-06-15T11:00', 'Asia/Dhaka'), end: at('2026-06-15T12:00', 'Asia/Dhaka') }];
    const q = onDay('2026-06-15', { rules: hours('09:00', '14:00'), busy, bufferMinutes: 30 });
    expect(wall(computeSlots(q), 'Asia/Dhaka')).toEqual(['09:00+06:00', '12:00+06:00', '13:00+06:00']);
    expect(wall(computeSlots({ ...q, bufferMinutes: 0 }), 'Asia/Dhaka')).toContain('10:00+06:00'); // touching is fine
  });

  it("respects a busy booking's own buffer (its blockedUntil)", () => {
    const busy = [{ start: at('2026-06-15T10:00', 'Asia/Dhaka'), end: at('2026-06-15T11:30', 'Asia/Dhaka') }];
    const slots = computeSlots(onDay('2026-06-15', { rules: hours('09:00', '13:00'), busy }));
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['09:00+06:00', '12:00+06:00']);
  });

  it('lets the buffer run past closing time', () => {
    const slots = computeSlots(onDay('2026-06-15', { rules: hours('09:00', '12:00'), bufferMinutes: 45 }));
    expect(wall(slots, 'Asia/Dhaka')).toEqual(['09:00+06:00', '10:00+06:00', '11:00+06:00']);
  });
});

describe('computeSlots: daylight saving time', () => {
  const london = { timeZone: 'Europe/London' };
  const newYork = { timeZone: 'America/New_York' };

  it('skips the missing hour in London on 2026-03-29 (00:00–04:00 → 00:00 GMT, 02:00 and 03:00 BST)', () => {
    const slots = computeSlots(onDay('2026-03-29', { ...london, rules: hours('00:00', '04:00') }));
    expect(wall(slots, 'Europe/London')).toEqual(['00:00+00:00', '02:00+01:00', '03:00+01:00']);
  });

  it('keeps office hours on the wall clock either side of the London change', () => {
    const days = { from: utc('2026-03-28T00:00:00Z'), to: utc('2026-03-30T00:00:00Z') };
    const q = aQuery({ ...london, ...days, rules: hours('09:00', '10:00') });
    expect(isoStarts(computeSlots(q))).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z']);
  });

  it('opens a New York range that starts in the gap (02:30 on 2026-03-08) when the clock jumps, at 03:00 EDT', () => {
    const rules = [...hours('00:00', '01:00'), ...hours('02:30', '05:00')];
    const slots = computeSlots(onDay('2026-03-08', { ...newYork, rules }));
    expect(wall(slots, 'America/New_York')).toEqual(['00:00-05:00', '03:00-04:00', '04:00-04:00']);
  });

  it('offers the repeated London hour twice as distinct instants on 2026-10-25', () => {
    const slots = computeSlots(onDay('2026-10-25', { ...london, rules: hours('00:00', '04:00') }));
    const expected = ['00:00+01:00', '01:00+01:00', '01:00+00:00', '02:00+00:00', '03:00+00:00'];
    expect(wall(slots, 'Europe/London')).toEqual(expected);
    expect(new Set(isoStarts(slots)).size).toBe(5);
  });

  it('reads an ambiguous New York start (01:00 on 2026-11-01) at its later, standard-time offset', () => {
    const slots = computeSlots(onDay('2026-11-01', { ...newYork, rules: hours('01:00', '03:00') }));
    expect(wall(slots, 'America/New_York')).toEqual(['01:00-05:00', '02:00-05:00']);
  });
});

describe('guards', () => {
  it.each([0, -30, Number.NaN])('throws for a duration of %p minutes', (durationMinutes) => {
    expect(() => computeSlots(aQuery({ durationMinutes }))).toThrow(RangeError);
  });

  it('throws for an unknown zone and for a range the database would reject', () => {
    expect(() => computeSlots(aQuery({ timeZone: 'Mars/Olympus' }))).toThrow(/time zone/);
    expect(() => computeSlots(aQuery({ rules: hours('12:00', '09:00') }))).toThrow(/rule/);
    expect(() => computeSlots(aQuery({ exceptions: [exception('2026-06-15', 'EXTRA')] }))).toThrow(/EXTRA/);
  });
});

describe('isBookableStart', () => {
  const q = onDay('2026-06-15', {
    now: at('2026-06-15T08:00', 'Asia/Dhaka'),
    minNoticeMinutes: 120,
    busy: [{ start: at('2026-06-15T13:00', 'Asia/Dhaka'), end: at('2026-06-15T14:00', 'Asia/Dhaka') }],
  });

  it('accepts a listed slot even outside the query window, and refuses off-step, busy or too-soon starts', () => {
    const elsewhere = { ...q, from: utc('2020-01-01T00:00:00Z'), to: utc('2020-01-02T00:00:00Z') };
    expect(isBookableStart(elsewhere, at('2026-06-15T11:00', 'Asia/Dhaka'))).toBe(true);
    for (const refused of ['11:30', '13:00', '09:00', '17:00']) {
      expect(isBookableStart(q, at(`2026-06-15T${refused}`, 'Asia/Dhaka'))).toBe(false);
    }
  });

  it('agrees with computeSlots on random providers, windows and instants around DST changes', () => {
    fc.assert(
      fc.property(aRandomQuery(), fc.integer({ min: 0, max: 4 * 1440 - 1 }), (rq, minute) => {
        const slots = computeSlots(rq);
        const starts = new Set(slots.map((s) => s.startsAt.getTime()));
        const probe = new Date(rq.from.getTime() + 1440 * 60_000 + minute * 60_000);
        expect(isBookableStart(rq, probe)).toBe(starts.has(probe.getTime()));
        const sample = slots.filter((_, i) => i % Math.ceil(slots.length / 10) === 0);
        for (const slot of sample) expect(isBookableStart(rq, slot.startsAt)).toBe(true);
      }),
    );
  });
});

describe('computeSlots: invariants', () => {
  it('gives sorted, unique, free slots that do not depend on where the window is split', () => {
    fc.assert(
      fc.property(aRandomQuery(), fc.integer({ min: 1, max: 6 * 1440 - 1 }), (rq, cutMinute) => {
        const slots = computeSlots(rq);
        const times = slots.map((s) => s.startsAt.getTime());
        times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]!));
        for (const s of slots) {
          expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(rq.durationMinutes * 60_000);
          const heldUntil = s.endsAt.getTime() + rq.bufferMinutes * 60_000;
          expect(rq.busy.some((b) => s.startsAt < b.end && b.start.getTime() < heldUntil)).toBe(false);
        }
        const cut = new Date(rq.from.getTime() + cutMinute * 60_000);
        const split = [...computeSlots({ ...rq, to: cut }), ...computeSlots({ ...rq, from: cut })];
        expect(isoStarts(split)).toEqual(isoStarts(slots));
      }),
    );
  });
});

/** A provider near one of 2026's DST changes (or none), with a 6-day window around it. */
function aRandomQuery(): fc.Arbitrary<SlotQuery> {
  const zone = fc.constantFrom('Asia/Dhaka', 'Asia/Kolkata', 'Europe/London', 'America/New_York');
  const anchor = fc.constantFrom('2026-03-08', '2026-03-29', '2026-06-15', '2026-10-25', '2026-11-01');
  const range = fc
    .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ startMinute: Math.min(a, b), endMinute: Math.max(a, b) }));
  const rule = fc.tuple(fc.integer({ min: 0, max: 6 }), range).map(([weekday, m]): WeeklyRule => ({ weekday, ...m }));
  return fc.record({ zone, anchor }).chain(({ zone: timeZone, anchor: date }) => {
    const start = DateTime.fromISO(date, { zone: 'utc' }).minus({ days: 3 });
    const kind = fc.constantFrom('BLOCKED' as const, 'EXTRA' as const);
    const exceptionOf = fc
      .record({ offset: fc.integer({ min: -1, max: 7 }), kind, m: range, wholeDay: fc.boolean() })
      .map(({ offset, kind, m, wholeDay }): DateException => ({
        date: start.plus({ days: offset }).toFormat('yyyy-MM-dd'),
        kind,
        ...(wholeDay && kind === 'BLOCKED' ? { startMinute: null, endMinute: null } : m),
      }));
    const minuteIn = (days: number): fc.Arbitrary<Date> =>
      fc.integer({ min: 0, max: days * 1440 }).map((m) => start.plus({ minutes: m }).toJSDate());
    const busyOf = fc
      .record({ begin: minuteIn(6), length: fc.integer({ min: 1, max: 300 }) })
      .map(({ begin, length }) => ({ start: begin, end: new Date(begin.getTime() + length * 60_000) }));
    return fc.record({
      timeZone: fc.constant(timeZone),
      rules: fc.array(rule, { maxLength: 8 }),
      exceptions: fc.array(exceptionOf, { maxLength: 4 }),
      busy: fc.array(busyOf, { maxLength: 4 }),
      durationMinutes: fc.integer({ min: 5, max: 240 }),
      bufferMinutes: fc.integer({ min: 0, max: 60 }),
      minNoticeMinutes: fc.integer({ min: 0, max: 600 }),
      maxAdvanceDays: fc.integer({ min: 0, max: 8 }),
      now: minuteIn(4),
      from: fc.constant(start.toJSDate()),
      to: fc.constant(start.plus({ days: 6 }).toJSDate()),
    });
  });
}
