// analytics.daily as chart rows. Example: 2026-11-30 (Mon, 2 bookings, 300000 poisha) and
// 2026-12-01 (1, 150000) per week → one row "w/c 11-30" with 3 bookings and ৳4,500.
import { mondayOfDay } from '../console/week';

interface Point {
  date: string;
  bookings: number;
  revenue: { amount: number };
}

/** Chart rows: per day as they come, or summed per week (Monday to Sunday), revenue in major units. */
export function chartRows(daily: readonly Point[], by: 'day' | 'week'): { label: string; bookings: number; revenue: number }[] {
  const rows = new Map<string, { label: string; bookings: number; minor: number }>();
  for (const d of daily) {
    const key = by === 'day' ? d.date : mondayOfDay(d.date);
    const row = rows.get(key) ?? { label: by === 'day' ? key.slice(5) : `w/c ${key.slice(5)}`, bookings: 0, minor: 0 };
    row.bookings += d.bookings;
    row.minor += d.revenue.amount;
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({ label: r.label, bookings: r.bookings, revenue: r.minor / 100 }));
}
