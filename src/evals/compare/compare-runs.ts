import type { CaseFlip, RunComparison } from "../eval-spec.js";
import { mcnemarExactPValue } from "../stats/index.js";
import { caseVerdicts, type TrialOutcome } from "./case-verdict.js";

/** One side of a comparison: a run id and its trial results (`TrialResult`s or stored results). */
export interface ComparableRun {
  id: string;
  results: readonly TrialOutcome[];
}

function trialPassRate(results: readonly TrialOutcome[]): { passed: number; decided: number } {
  let passed = 0;
  let decided = 0;
  for (const result of results) {
    if (result.inconclusive) continue;
    decided += 1;
    if (result.passed) passed += 1;
  }
  return { passed, decided };
}

/**
 * The pass-rate change trial noise alone can produce: 1.96 × the pooled standard error of the
 * difference of two trial pass rates, √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with p̄ = (x₁ + x₂)/(n₁ + n₂), where
 * x and n are the passed and decided trials of each run. 0 when either run decided nothing.
 */
export function noiseFloor(
  baseline: { passed: number; decided: number },
  current: { passed: number; decided: number },
): number {
  if (baseline.decided === 0 || current.decided === 0) return 0;
  const pooled = (baseline.passed + current.passed) / (baseline.decided + current.decided);
  return 1.96 * Math.sqrt(pooled * (1 - pooled) * (1 / baseline.decided + 1 / current.decided));
}

/**
 * Compares a run with its baseline over the cases both ran: per-case majority verdicts, the cases
 * that flipped, the exact McNemar p-value over cases that went pass → fail vs fail → pass, the trial
 * pass-rate delta (current − baseline) and its noise floor. A significant regression is a drop
 * beyond the noise floor with p < 0.05. Cases only one run has (the dataset changed) are ignored.
 */
export function compareRuns(baseline: ComparableRun, current: ComparableRun): RunComparison {
  const before = caseVerdicts(baseline.results);
  const after = caseVerdicts(current.results);
  const shared = new Set([...after.keys()].filter((caseId) => before.has(caseId)));
  const flips: CaseFlip[] = [];
  let regressions = 0;
  let improvements = 0;
  for (const caseId of [...shared].sort()) {
    const was = before.get(caseId)!;
    const now = after.get(caseId)!;
    if (was === now) continue;
    flips.push({ caseId, baseline: was, current: now });
    if (was === "pass" && now === "fail") regressions += 1;
    if (was === "fail" && now === "pass") improvements += 1;
  }
  const baselineRate = trialPassRate(baseline.results.filter((result) => shared.has(result.caseId)));
  const currentRate = trialPassRate(current.results.filter((result) => shared.has(result.caseId)));
  const rate = (side: { passed: number; decided: number }) =>
    side.decided === 0 ? 0 : side.passed / side.decided;
  const passRateDelta = rate(currentRate) - rate(baselineRate);
  const floor = noiseFloor(baselineRate, currentRate);
  const pValue = mcnemarExactPValue(regressions, improvements);
  return {
    baselineRunId: baseline.id,
    runId: current.id,
    flips,
    regressions,
    improvements,
    passRateDelta,
    pValue,
    noiseFloor: floor,
    significantRegression: passRateDelta < -floor && pValue < 0.05,
  };
}
