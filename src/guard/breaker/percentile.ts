/**
 * The nearest-rank percentile of `values` (need not be sorted): the smallest value such that at least
 * `percent`% of the values are less than or equal to it. Undefined for an empty list.
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank is ceil(p/100 x N), 1-based; p = 0 takes the smallest value.
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
