import { useEffect, useState } from 'react';

/** Client wall-clock time, re-rendering every `everyMs` (resources count up, countdowns tick). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
