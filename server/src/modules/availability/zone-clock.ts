// A time zone's offsets over a span, found once, so turning wall times into instants is
// arithmetic. Luxon is asked for the offset at each 6-hour mark of the UTC clock and
// bisects where it changes (to the minute, as real transitions fall); everything else is
// lookups. A zone's offset at an instant never changes while the process runs, so the
// marks' offsets are remembered (per zone, bounded): Luxon's Intl call is the expensive
// part, and availableSlots asks about the same zone and month over and over.
//
// Why not DateTime.fromObject per wall time: it resolves a repeated time at one fixed
// offset and shifts a time in a gap forward by the gap. The calculator needs to choose:
// a working range starts at the LATER of two readings and ends at the EARLIER (never
// offering time the provider did not name), a BLOCKED piece starts at the earlier and
// ends at the later (covering every instant whose wall time it names). Worked example,
// London 2026-10-25 (01:00–02:00 happens twice): "01:00" is 00:00Z (BST) or 01:00Z (GMT);
// a rule ending 01:00 ends at 00:00Z, a BLOCKED 01:00–02:00 covers 00:00Z–02:00Z. A wall
// time in a spring-forward gap names no instant; it resolves to the first instant after
// the gap (New York 2026-03-08 02:30 → 07:00Z, 03:00 EDT), so BLOCKED 02:30–04:00 covers
// 03:00–04:00 EDT.
import { IANAZone } from 'luxon';

const MS_PER_MINUTE = 60_000;
const PROBE_MS = 6 * 3_600_000;

export type Reading = 'earliest' | 'latest';

/** [from, next segment's from): one UTC offset, in ms. */
interface Segment {
  from: number;
  offset: number;
}

export class ZoneClock {
  private constructor(private readonly segments: Segment[]) {}

  /** Offsets of `zone` between two instants (outside them, the edge offsets continue). */
  static covering(zone: string, startMs: number, endMs: number): ZoneClock {
    const iana = IANAZone.create(zone);
    const offsetAt = (t: number) => iana.offset(t) * MS_PER_MINUTE;
    const markOffset = remembered(zone, offsetAt);
    // The span is widened to the marks around it: the same offsets, and the marks repeat across calls.
    const first = Math.floor(startMs / PROBE_MS) * PROBE_MS;
    const segments: Segment[] = [{ from: -Infinity, offset: markOffset(first) }];
    const last = () => segments[segments.length - 1]!.offset;
    // Whole minutes throughout: transitions fall on them, so bisection ends exactly there.
    for (let t = first; t < endMs; t += PROBE_MS) {
      if (markOffset(t + PROBE_MS) === last()) continue;
      let [lo, hi] = [t / MS_PER_MINUTE, (t + PROBE_MS) / MS_PER_MINUTE]; // old offset at lo, new at hi
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid * MS_PER_MINUTE) === last()) lo = mid;
        else hi = mid;
      }
      segments.push({ from: hi * MS_PER_MINUTE, offset: offsetAt(hi * MS_PER_MINUTE) });
    }
    return new ZoneClock(segments);
  }

  /** Whether Luxon knows the zone (remembered: asking builds an Intl formatter). */
  static isKnownZone(zone: string): boolean {
    let known = KNOWN_ZONES.get(zone);
    if (known === undefined) {
      known = IANAZone.isValidZone(zone);
      if (KNOWN_ZONES.size >= MAX_REMEMBERED_ZONES) KNOWN_ZONES.clear();
      KNOWN_ZONES.set(zone, known);
    }
    return known;
  }

  offsetAt(t: number): number {
    return this.segmentAt(t).offset;
  }

  /** The wall clock at t, as milliseconds of a UTC date with the same fields. */
  wallOf(t: number): number {
    return t + this.offsetAt(t);
  }

  /** Instants where the offset changes, in (startMs, endMs). */
  transitionsBetween(startMs: number, endMs: number): number[] {
    return this.segments.filter((s) => s.from > startMs && s.from < endMs).map((s) => s.from);
  }

  /** Every instant whose wall clock reads `wall`, ascending: none in a gap, two in a repeated hour. */
  instantsAt(wall: number): number[] {
    const found = new Set<number>();
    for (const { offset } of this.segments) {
      const t = wall - offset;
      if (this.offsetAt(t) === offset) found.add(t);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** The earliest or latest instant reading `wall`; in a gap, the first instant after it. */
  resolve(wall: number, reading: Reading): number {
    const instants = this.instantsAt(wall);
    if (instants.length) return reading === 'earliest' ? instants[0]! : instants[instants.length - 1]!;
    return this.gapEnd(wall);
  }

  private gapEnd(wall: number): number {
    for (let i = 1; i < this.segments.length; i++) {
      const { from, offset } = this.segments[i]!;
      const before = this.segments[i - 1]!.offset;
      if (wall >= from + before && wall < from + offset) return from;
    }
    throw new RangeError(`ZoneClock: ${new Date(wall).toISOString()} (wall) is in no gap and names no instant`);
  }

  private segmentAt(t: number): Segment {
    let found = this.segments[0]!;
    for (const s of this.segments) {
      if (s.from > t) break;
      found = s;
    }
    return found;
  }
}

const MAX_REMEMBERED_ZONES = 1000;
const MAX_MARKS_PER_ZONE = 20_000; // ~13 years of 6-hour marks
const MARKS = new Map<string, Map<number, number>>();
const KNOWN_ZONES = new Map<string, boolean>();

/** offsetAt for 6-hour marks of one zone, remembered. */
function remembered(zone: string, offsetAt: (t: number) => number): (mark: number) => number {
  let marks = MARKS.get(zone);
  if (!marks) {
    if (MARKS.size >= MAX_REMEMBERED_ZONES) MARKS.clear();
    marks = new Map();
    MARKS.set(zone, marks);
  }
  const known = marks;
  return (mark) => {
    let offset = known.get(mark);
    if (offset === undefined) {
      offset = offsetAt(mark);
      if (known.size >= MAX_MARKS_PER_ZONE) known.clear();
      known.set(mark, offset);
    }
    return offset;
  };
}
