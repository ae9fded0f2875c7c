// Percentiles of latencies and costs.

/**
 * The `p`-th percentile (0..100) by linear interpolation between closest ranks (numpy's default,
 * Hyndman & Fan type 7): p50 of [1, 2, 3, 4] is 2.5. 0 for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (rank - lower);
}
