import { useEffect, useState } from 'react';
import { formatCountdown } from '../app/format/time';

/** "14:52" ticking down to the instant; null once it has passed or when there is none. */
export function useCountdown(until: string | null | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  if (!until || Date.parse(until) <= now) return null;
  return formatCountdown(Date.parse(until), now);
}
