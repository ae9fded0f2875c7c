import type { Estimate } from "../eval-spec.js";
import { mean, sampleVariance } from "./describe.js";
import { tQuantile975 } from "./student-t.js";
import { wilsonInterval } from "./wilson-interval.js";

/**
 * Mean of `values` with a Student-t 95% interval (mean ± t(0.975, n−1)·s/√n), clamped to `bounds`
 * (scores live in [0, 1]). With fewer than two values nothing is known about the spread, so the
 * interval is the whole of `bounds`.
 */
export function meanEstimate(values: readonly number[], bounds: [number, number] = [0, 1]): Estimate {
  const n = values.length;
  const centre = mean(values);
  const variance = sampleVariance(values);
  if (n < 2) return { mean: centre, variance, n, ci95: [bounds[0], bounds[1]] };
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return {
    mean: centre,
    variance,
    n,
    ci95: [Math.max(bounds[0], centre - half), Math.min(bounds[1], centre + half)],
  };
}

/** A pass rate as an estimate: p, its Bernoulli variance p(1 − p), and the Wilson 95% interval. */
export function passRateEstimate(passed: number, trials: number): Estimate {
  const p = trials === 0 ? 0 : passed / trials;
  return { mean: p, variance: p * (1 - p), n: trials, ci95: wilsonInterval(passed, trials) };
}
