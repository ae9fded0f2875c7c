import { useEffect, useRef } from "react";

/** Calls `callback` every `intervalMilliseconds` while `active`; the latest callback is always used. */
export function useInterval(callback: () => void, intervalMilliseconds: number, active: boolean): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => latest.current(), intervalMilliseconds);
    return () => window.clearInterval(timer);
  }, [intervalMilliseconds, active]);
}
