// Checks input against a zod schema before anything is written; the first problem
// becomes a BAD_USER_INPUT error naming the field.
import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { badInput } from './domain-error';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || 'input';
  throw badInput(field, `${field}: ${issue.message}`);
}

/** True for an IANA zone name Luxon (and so the ICU database) knows. */
export const isTimeZone = (zone: string) => zone === 'UTC' || (zone.includes('/') && DateTime.now().setZone(zone).isValid);

// ICU (and so Intl) still answers with these old spellings; the tz database renamed them.
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The zone's canonical IANA name, or null if it names none: any spelling or alias Intl
 * accepts comes back as the tz database writes it today (asia/dhaka → Asia/Dhaka,
 * US/Eastern → America/New_York, Asia/Calcutta → Asia/Kolkata, utc → UTC).
 */
export function canonicalZone(name: string): string | null {
  if (!IANAZone.isValidZone(name)) return null;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  if (resolved === 'Etc/UTC' || resolved === 'Etc/GMT') return 'UTC';
  return RENAMED[resolved] ?? resolved;
}

/** A time zone field: any spelling Intl knows, stored canonically (see canonicalZone). */
export const timeZoneField = () =>
  z
    .string()
    .trim()
    .transform((name, ctx) => {
      const zone = canonicalZone(name);
      if (zone === null) ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Dhaka' });
      return zone ?? z.NEVER;
    });
