// Calendar arithmetic for the booking calendar, in the viewer's zone (the browser's own:
// `new Date(y, m, d)` is local midnight there). Example: month "2026-12-01" viewed on
// 2026-12-15T10:00 local asks for slots from 2026-12-15T10:00 to 2027-01-01T00:00 local.
import { dayKey, viewerTimeZone } from '../app/format/time';

export interface SlotLike {
  startsAt: string;
  /** The start's local date in the zone the slots were asked for (availableSlots' timeZone). */
  localDate: string;
  localTime: string;
  seatsLeft: number;
}

/** "YYYY-MM-01" of the month holding the day "YYYY-MM-DD". */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The instants [from, to) whose slots the month view shows: what is left of the month. */
export function monthWindow(month: string, now: Date): { from: string; to: string } | null {
  const [year, monthIndex] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const start = new Date(year, monthIndex, 1);
  const end = new Date(year, monthIndex + 1, 1);
  if (end <= now) return null;
  return { from: (start > now ? start : now).toISOString(), to: end.toISOString() };
}

/** Slots grouped by their local day (as the API computed it in the asked zone), each day's in start order. */
export function slotsByDay<T extends SlotLike>(slots: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const slot of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const list = days.get(slot.localDate);
    if (list) list.push(slot);
    else days.set(slot.localDate, [slot]);
  }
  return days;
}

/** A slot button's name: its local time, plus the seats left when a start sells several ("09:30 · 2 seats left"). */
export function slotLabel(slot: Pick<SlotLike, 'localTime' | 'seatsLeft'>, capacity: number): string {
  if (capacity <= 1) return slot.localTime;
  return `${slot.localTime} · ${slot.seatsLeft} ${slot.seatsLeft === 1 ? 'seat' : 'seats'} left`;
}

/** Today's local date "YYYY-MM-DD". */
export const today = (now = new Date(), timeZone = viewerTimeZone()): string => dayKey(now, timeZone);
