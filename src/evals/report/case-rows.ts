import type { TrialResult } from "../eval-spec.js";
import { scoreKey } from "../runner/score-key.js";
import { caseStandings } from "../runner/summarize-trials.js";
import { percentile } from "../stats/index.js";

/** One case of a run as reports show it: its trials folded together. */
export interface CaseRow {
  caseId: string;
  standing: "passed" | "failed" | "inconclusive";
  trials: number;
  passed: number;
  inconclusive: number;
  /** Mean of each score over the case's decided trials. */
  scores: Record<string, number>;
  /** Target and judge spend; null when any target cost was unknown. */
  costMicros: number | null;
  /** Median trial latency. */
  latencyMs: number;
  totalLatencyMs: number;
  /** Why the first trial that did not pass did not: a target error, or a failing or undecided score. */
  firstFailure?: string;
  /** Every reason, one per failing trial and score, for JUnit bodies. */
  failures: string[];
  traceIds: string[];
}

function trialFailures(result: TrialResult): string[] {
  const prefix = `trial ${result.trial + 1}`;
  const reasons: string[] = [];
  if (result.output.error)
    reasons.push(`${prefix}: ${result.output.error.code}: ${result.output.error.message}`);
  for (const score of result.scores) {
    if (score.passed && !score.inconclusive) continue;
    const verdict = score.inconclusive ? "inconclusive" : `${score.value.toFixed(2)}`;
    reasons.push(`${prefix}: ${scoreKey(score)} ${verdict}${score.reason ? `: ${score.reason}` : ""}`);
  }
  if (reasons.length === 0 && !result.passed) reasons.push(`${prefix}: did not pass`);
  return reasons;
}

/** Folds a run's trials into one row per case, in the order cases first appear. */
export function caseRows(results: readonly TrialResult[]): CaseRow[] {
  const standings = caseStandings(results);
  const groups = new Map<string, TrialResult[]>();
  for (const result of results) groups.set(result.caseId, [...(groups.get(result.caseId) ?? []), result]);
  return [...groups].map(([caseId, trials]) => {
    const values = new Map<string, number[]>();
    let cost: number | null = 0;
    const failures: string[] = [];
    for (const trial of trials) {
      cost = cost === null || trial.output.costMicros === null ? null : cost + trial.output.costMicros;
      for (const score of trial.scores) {
        if (cost !== null) cost += score.costMicros ?? 0;
        if (score.inconclusive) continue;
        values.set(scoreKey(score), [...(values.get(scoreKey(score)) ?? []), score.value]);
      }
      if (!trial.passed) failures.push(...trialFailures(trial));
    }
    const latencies = trials.map((trial) => trial.output.latencyMs);
    return {
      caseId,
      standing: standings.get(caseId) ?? "inconclusive",
      trials: trials.length,
      passed: trials.filter((trial) => trial.passed).length,
      inconclusive: trials.filter((trial) => trial.inconclusive).length,
      scores: Object.fromEntries(
        [...values].map(([key, list]) => [key, list.reduce((sum, value) => sum + value, 0) / list.length]),
      ),
      costMicros: cost,
      latencyMs: percentile(latencies, 50),
      totalLatencyMs: latencies.reduce((sum, value) => sum + value, 0),
      ...(failures[0] ? { firstFailure: failures[0] } : {}),
      failures,
      traceIds: trials.flatMap((trial) => (trial.output.traceId ? [trial.output.traceId] : [])),
    };
  });
}
