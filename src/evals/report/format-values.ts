// How reports write rates, money and durations.

/** 0.875 → `87.5%`. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/** Integer micro-USD → `$0.001234`; null (unknown) → `unknown`. */
export function formatUsd(micros: number | null): string {
  if (micros === null) return "unknown";
  return `$${(micros / 1_000_000).toFixed(micros !== 0 && micros < 10_000 ? 6 : 4)}`;
}

/** Milliseconds → `850ms`, `1.3s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** A 95% interval → `[0.49, 0.94]` (or in percent). */
export function formatInterval(interval: readonly [number, number], percent = false): string {
  const format = (value: number) => (percent ? formatPercent(value) : value.toFixed(2));
  return `[${format(interval[0])}, ${format(interval[1])}]`;
}
