// Checks a provider's scheduling policy for a service and their booking limits before
// anything is written; each problem is a BAD_USER_INPUT naming the field.
import { z } from 'zod';
import { parseInput } from '../../input-validation';

const optionalCount = (max: number, what: string) =>
  z
    .number()
    .int(`must be a whole number of ${what}`)
    .min(1, 'must be at least 1, or null for no limit')
    .max(max, `must be at most ${max}`)
    .nullish()
    .transform((v) => v ?? null);

/** Minutes of notice, 0 to 30 days; null = the default applies. */
const noticeMinutes = () =>
  z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .max(30 * 1440, 'must be at most 30 days')
    .nullish()
    .transform((v) => v ?? null);

const limitsSchema = z.object({
  maxBookingsPerDay: optionalCount(1000, 'bookings'),
  maxBookingsPerWeek: optionalCount(7000, 'bookings'),
  maxMinutesPerDay: optionalCount(1440, 'minutes'),
  maxMinutesPerWeek: optionalCount(7 * 1440, 'minutes'),
});

const policySchema = limitsSchema.extend({
  intervalMinutes: z
    .number()
    .int()
    .min(5, 'must be 5 minutes or more')
    .max(1440, 'must be at most a day')
    .refine((v) => v % 5 === 0, 'must be a multiple of 5 minutes')
    .nullish()
    .transform((v) => v ?? null),
  bufferBeforeMinutes: z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .max(240, 'must be at most 240')
    .nullish()
    .transform((v) => v ?? 0),
  minNoticeMinutes: noticeMinutes(),
  horizon: z
    .object({ amount: z.number().int().min(0, 'must be 0 or more'), unit: z.enum(['ROLLING_HOURS', 'ROLLING_DAYS', 'CALENDAR_DAYS']) })
    .refine((h) => h.amount <= (h.unit === 'ROLLING_HOURS' ? 365 * 24 : 365), { message: 'must be at most a year', path: ['amount'] })
    .refine((h) => h.unit === 'CALENDAR_DAYS' || h.amount >= 1, { message: 'must be at least 1', path: ['amount'] })
    .nullish()
    .transform((v) => v ?? null),
  capacity: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .nullish()
    .transform((v) => v ?? 1),
  maxReschedules: z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .max(100, 'must be at most 100')
    .nullish()
    .transform((v) => v ?? null),
  rescheduleNoticeMinutes: noticeMinutes(),
});

export type BookingLimitsInput = z.output<typeof limitsSchema>;
export type ServiceSchedulingInput = z.output<typeof policySchema>;

export const parseBookingLimits = (input: unknown): BookingLimitsInput => parseInput(limitsSchema, input);
export const parseServiceScheduling = (input: unknown): ServiceSchedulingInput => parseInput(policySchema, input);
