// Instants from the API shown in the viewer's zone (or a given IANA zone). Worked example:
// "2026-12-03T03:30:00Z" in Asia/Dhaka (+06:00) → time "09:30", day key "2026-12-03".

export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat('en-GB', options)));
  return f;
}

/** "09:30" (24-hour) in the zone. */
export function formatTime(iso: string, timeZone = viewerTimeZone()): string {
  return formatter(`t:${timeZone}`, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** The local calendar day "YYYY-MM-DD" of an instant in the zone. */
export function dayKey(iso: string | Date, timeZone = viewerTimeZone()): string {
  const parts = formatter(`d:${timeZone}`, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "Thu 3 Dec 2026" */
export function formatDay(iso: string, timeZone = viewerTimeZone()): string {
  return formatter(`day:${timeZone}`, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(
    new Date(iso),
  );
}

/** "Thu 3 Dec 2026, 09:30" */
export function formatDateTime(iso: string, timeZone = viewerTimeZone()): string {
  return `${formatDay(iso, timeZone)}, ${formatTime(iso, timeZone)}`;
}

/** "14:52" left until the instant, "37:22:43" from an hour up (never negative). */
export function formatCountdown(untilMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((untilMs - nowMs) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "1 h 30 min", "45 min" */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}
