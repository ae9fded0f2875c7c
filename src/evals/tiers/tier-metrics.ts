import type { EvalSummary, TrialResult } from "../eval-spec.js";

/** One tier's measured accuracy, cost and latency on a suite. */
export interface TierMetrics {
  tier: string;
  runId: string;
  /** Share of decided trials that passed. */
  accuracy: number;
  trials: number;
  passedTrials: number;
  inconclusiveTrials: number;
  /** Mean spend per trial (target and judges), micro-USD; null when any target cost was unknown. */
  costPerTrialMicros: number | null;
  /** Spend divided by passed trials, micro-USD; null when nothing passed or a cost was unknown. */
  costPerSuccessMicros: number | null;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Per-case verdict (majority of trials), for cascade estimates. */
  passedCases: string[];
  failedCases: string[];
}

/** Measures a tier from its run's trials and summary. */
export function tierMetrics(
  tier: string,
  runId: string,
  summary: EvalSummary,
  results: readonly TrialResult[],
  verdicts: Map<string, "pass" | "fail" | "inconclusive">,
): TierMetrics {
  const unknownCost = results.some((result) => result.output.costMicros === null && !result.inconclusive);
  const passedTrials = results.filter((result) => result.passed).length;
  const costPerTrial = results.length === 0 || unknownCost ? null : summary.costMicros / results.length;
  return {
    tier,
    runId,
    accuracy: summary.passRate.mean,
    trials: results.length,
    passedTrials,
    inconclusiveTrials: results.filter((result) => result.inconclusive).length,
    costPerTrialMicros: costPerTrial,
    costPerSuccessMicros: unknownCost || passedTrials === 0 ? null : summary.costMicros / passedTrials,
    latencyP50Ms: summary.latencyMs.p50,
    latencyP95Ms: summary.latencyMs.p95,
    passedCases: [...verdicts].filter(([, verdict]) => verdict === "pass").map(([caseId]) => caseId),
    failedCases: [...verdicts].filter(([, verdict]) => verdict === "fail").map(([caseId]) => caseId),
  };
}
