// Checks what providers and customers send before anything is read or written: weekly
// rules, exceptions, settings and slot windows. Each problem is a BAD_USER_INPUT naming
// the field, in words a provider can act on ("rules overlap on Monday: 09:00–12:00 ...").
import { DateTime } from 'luxon';
import { z } from 'zod';
import { badInput } from '../../domain-error';
import { parseInput, timeZoneField } from '../../input-validation';

/** The longest window availableSlots (and the catalog's availability filter) accepts. */
export const MAX_WINDOW_DAYS = 62;
const MAX_RULES = 100;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const minute = z.number().int('must be a whole number of minutes').min(0, 'must be 0..1440').max(1440, 'must be 0..1440');

const ruleSchema = z
  .object({
    weekday: z.number().int().min(0, 'must be 0 (Sunday) .. 6 (Saturday)').max(6, 'must be 0 (Sunday) .. 6 (Saturday)'),
    startMinute: minute,
    endMinute: minute,
  })
  .refine((r) => r.startMinute < r.endMinute, { message: 'must be after startMinute', path: ['endMinute'] });

const settingsSchema = z.object({
  timeZone: timeZoneField().nullish(),
  rules: z.array(ruleSchema).max(MAX_RULES, `at most ${MAX_RULES} ranges`),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .max(30 * 1440, 'must be at most 30 days')
    .nullish(),
  maxAdvanceDays: z.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365').nullish(),
});

const isLocalDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid;
const localDate = z.string().refine(isLocalDate, 'must be a date YYYY-MM-DD');

const exceptionSchema = z
  .object({
    date: localDate,
    kind: z.enum(['BLOCKED', 'EXTRA']),
    startMinute: minute.nullish().transform((v) => v ?? null),
    endMinute: minute.nullish().transform((v) => v ?? null),
  })
  .superRefine((e, ctx) => {
    const wholeDay = e.startMinute === null && e.endMinute === null;
    if (wholeDay && e.kind === 'EXTRA')
      ctx.addIssue({ code: 'custom', path: ['startMinute'], message: 'EXTRA hours need startMinute and endMinute' });
    else if (!wholeDay && (e.startMinute === null || e.endMinute === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['startMinute'],
        message: 'give both startMinute and endMinute, or neither to block the whole day',
      });
    } else if (!wholeDay && e.startMinute! >= e.endMinute!)
      ctx.addIssue({ code: 'custom', path: ['endMinute'], message: 'must be after startMinute' });
  });

export type SettingsInput = z.output<typeof settingsSchema>;
export type ExceptionInput = z.output<typeof exceptionSchema>;
export type RuleInput = z.output<typeof ruleSchema>;

/** Valid settings, or BAD_USER_INPUT. Ranges of one weekday may touch (09–12, 12–15) but not overlap. */
export function parseSettings(input: unknown): SettingsInput {
  const settings = parseInput(settingsSchema, input);
  assertNoOverlap(settings.rules);
  return settings;
}

export const parseException = (input: unknown): ExceptionInput => parseInput(exceptionSchema, input);

/** An optional YYYY-MM-DD bound of AvailabilitySettings.exceptions. */
export function parseDateBound(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isLocalDate(value)) throw badInput(field, `${field} must be a date YYYY-MM-DD`);
  return value;
}

/** A slot search window: from < to, at most MAX_WINDOW_DAYS long. */
export function checkWindow(from: Date, to: Date, names: [string, string] = ['from', 'to']): void {
  if (!Number.isFinite(from.getTime()) || !Number.isFinite(to.getTime()))
    throw badInput(names[0], `${names[0]} and ${names[1]} must be valid instants`);
  if (from >= to) throw badInput(names[1], `${names[1]} must be after ${names[0]}`);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw badInput(names[1], `The window may span at most ${MAX_WINDOW_DAYS} days; ask for a shorter one`);
  }
}

function assertNoOverlap(rules: RuleInput[]): void {
  const sorted = [...rules].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  for (let i = 1; i < sorted.length; i++) {
    const [prev, next] = [sorted[i - 1]!, sorted[i]!];
    if (prev.weekday === next.weekday && next.startMinute < prev.endMinute) {
      throw badInput(
        'rules',
        `rules overlap on ${WEEKDAYS[next.weekday]}: ${clock(prev.startMinute)}–${clock(prev.endMinute)} and ${clock(next.startMinute)}–${clock(next.endMinute)}; merge them into one range`,
      );
    }
  }
}

/** 570 → "09:30"; 1440 → "24:00". */
export const clock = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
