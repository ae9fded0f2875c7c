/**
 * What a run must reach to pass the gate (a suite's `thresholds`). `passRate` is over decided trials
 * (default 1: every trial passes); `scorers` are minimum means per scorer name (a judge's name
 * covers all its dimensions); `dimensions` minimum means per judge dimension (`faithfulness`) over
 * every judge grading it; `maxRegressions` is how many cases may flip pass → fail against the
 * baseline (unset: only a significant regression fails).
 */
export interface GateThresholds {
  passRate?: number;
  scorers?: Record<string, number>;
  dimensions?: Record<string, number>;
  maxRegressions?: number;
}

export const defaultPassRateThreshold = 1;
