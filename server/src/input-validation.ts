// Checks input against a zod schema before anything is written; the first problem
// becomes a BAD_USER_INPUT error naming the field.
import type { z } from 'zod';
import { DateTime } from 'luxon';
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
