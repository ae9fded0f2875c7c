import type { TrialResult } from "../eval-spec.js";

/** What a case did in a run, by the majority of its trials. */
export type CaseVerdict = "pass" | "fail" | "inconclusive";

/** The trial fields a verdict needs: both `TrialResult` and the store's `StoredEvalResult` have them. */
export type TrialOutcome = Pick<TrialResult, "caseId" | "passed" | "inconclusive">;

/**
 * A case's majority verdict: `inconclusive` when no trial, or fewer than half of them, could be decided;
 * else `pass` when more than half of the decided trials passed, else `fail` (a tie is a fail: a case
 * that passes only every other time is not passing).
 */
export function majorityVerdict(trials: readonly TrialOutcome[]): CaseVerdict {
  const decided = trials.filter((trial) => !trial.inconclusive);
  const undecided = trials.length - decided.length;
  if (decided.length === 0 || undecided * 2 > trials.length) return "inconclusive";
  const passed = decided.filter((trial) => trial.passed).length;
  return passed * 2 > decided.length ? "pass" : "fail";
}

/** Trials grouped by case id, in first-seen order. */
export function groupByCase<T extends TrialOutcome>(trials: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const trial of trials) {
    const group = groups.get(trial.caseId);
    if (group) group.push(trial);
    else groups.set(trial.caseId, [trial]);
  }
  return groups;
}

/** Majority verdict of every case of a run. */
export function caseVerdicts(trials: readonly TrialOutcome[]): Map<string, CaseVerdict> {
  const verdicts = new Map<string, CaseVerdict>();
  for (const [caseId, group] of groupByCase(trials)) verdicts.set(caseId, majorityVerdict(group));
  return verdicts;
}
