import type { EvalSummary, TrialResult } from "../eval-spec.js";
import { meanEstimate, passRateEstimate, percentile } from "../stats/index.js";
import { scoreKey } from "./score-key.js";

/** Each case's standing over all its trials: passed (every trial), failed (any decided failure), else inconclusive. */
export function caseStandings(
  results: readonly TrialResult[],
): Map<string, "passed" | "failed" | "inconclusive"> {
  const standings = new Map<string, "passed" | "failed" | "inconclusive">();
  for (const result of results) {
    const was = standings.get(result.caseId) ?? "passed";
    const trial = result.inconclusive ? "inconclusive" : result.passed ? "passed" : "failed";
    if (was === "failed" || trial === "passed") standings.set(result.caseId, was);
    else standings.set(result.caseId, trial === "failed" ? "failed" : "inconclusive");
  }
  return standings;
}

/**
 * The run's totals: case standings, the trial pass rate over decided trials (Wilson interval), each
 * scorer's (and judge dimension's) mean over its decided scores (Student-t interval), cost (target
 * and judges), judge cost alone, and latency percentiles over every trial.
 */
export function summarizeTrials(results: readonly TrialResult[], wallMs: number): EvalSummary {
  const standings = [...caseStandings(results).values()];
  const decided = results.filter((result) => !result.inconclusive);
  const passed = decided.filter((result) => result.passed).length;
  const values = new Map<string, number[]>();
  let targetCost = 0;
  let judgeCost = 0;
  for (const result of results) {
    targetCost += result.output.costMicros ?? 0;
    for (const score of result.scores) {
      judgeCost += score.costMicros ?? 0;
      if (score.inconclusive) continue;
      const key = scoreKey(score);
      const list = values.get(key);
      if (list) list.push(score.value);
      else values.set(key, [score.value]);
    }
  }
  const latencies = results.map((result) => result.output.latencyMs);
  return {
    cases: standings.length,
    trials: results.length,
    passedCases: standings.filter((standing) => standing === "passed").length,
    failedCases: standings.filter((standing) => standing === "failed").length,
    inconclusiveCases: standings.filter((standing) => standing === "inconclusive").length,
    passRate: passRateEstimate(passed, decided.length),
    scores: Object.fromEntries([...values].map(([key, list]) => [key, meanEstimate(list)])),
    costMicros: targetCost + judgeCost,
    judgeCostMicros: judgeCost,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    wallMs,
  };
}
