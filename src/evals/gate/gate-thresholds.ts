/**
 * What a run must reach to pass the gate. `passRate` is over decided trials (default 1: every trial
 * passes); `scores` are minimum means per scorer (`equals`) or judge dimension
 * (`rubric.faithfulness`); `maxRegressions` is how many cases may flip pass → fail against the
 * baseline (default: any number, only a significant regression fails).
 */
export interface GateThresholds {
  passRate?: number;
  scores?: Record<string, number>;
  maxRegressions?: number;
}

export const defaultPassRateThreshold = 1;
