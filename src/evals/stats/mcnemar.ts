// The exact McNemar test: of the cases that changed verdict between two runs, is the split between
// "got worse" and "got better" more lopsided than a fair coin would make it?

function logFactorials(n: number): number[] {
  const logs = new Array<number>(n + 1);
  logs[0] = 0;
  for (let k = 1; k <= n; k += 1) logs[k] = logs[k - 1]! + Math.log(k);
  return logs;
}

/**
 * Two-sided exact McNemar p-value for `worse` (pass → fail) and `better` (fail → pass) discordant
 * pairs: 2 · P(X ≤ min(worse, better)) for X ~ Binomial(worse + better, 1/2), capped at 1. 1 when
 * nothing changed. Computed in log space, so thousands of discordant cases do not underflow.
 */
export function mcnemarExactPValue(worse: number, better: number): number {
  const n = worse + better;
  if (n === 0) return 1;
  const k = Math.min(worse, better);
  const logs = logFactorials(n);
  const logHalfPowN = n * Math.log(0.5);
  let tail = 0;
  for (let i = 0; i <= k; i += 1) tail += Math.exp(logs[n]! - logs[i]! - logs[n - i]! + logHalfPowN);
  return Math.min(1, 2 * tail);
}
