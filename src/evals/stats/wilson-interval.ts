// The Wilson score interval for a pass rate: honest at small n and at 0% or 100%, unlike p ± 1.96·se.

const z95 = 1.959964;

/** 95% Wilson interval of `successes` out of `trials`; [0, 1] when there are no trials. */
export function wilsonInterval(successes: number, trials: number, z = z95): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
