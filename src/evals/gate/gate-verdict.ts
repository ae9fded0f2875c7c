import { GantryError } from "../../core/index.js";
import {
  type EvalSummary,
  type GateExitCode,
  type GateVerdict,
  gateExitCodes,
  type RunComparison,
  type ScoreResult,
  type TrialResult,
} from "../eval-spec.js";
import { scoreKey } from "../runner/score-key.js";
import { defaultPassRateThreshold, type GateThresholds } from "./gate-thresholds.js";

export interface GateInput {
  summary: EvalSummary;
  results: readonly TrialResult[];
  thresholds: GateThresholds;
  comparison?: RunComparison;
}

const listedCases = 10;

function percent(value: number): string {
  return `${(value * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

function caseList(caseIds: readonly string[]): string {
  const shown = caseIds.slice(0, listedCases).join(", ");
  return caseIds.length > listedCases ? `${shown} and ${caseIds.length - listedCases} more` : shown;
}

function casesWhere(results: readonly TrialResult[], predicate: (result: TrialResult) => boolean): string[] {
  return [...new Set(results.filter(predicate).map((result) => result.caseId))].sort();
}

/** A threshold check: certainly failed, failed only on decided trials (inconclusive ones could save it), or met. */
type CheckOutcome = { status: "met" | "failed" | "uncertain"; reason: string };

// The best the run could have done had every inconclusive trial passed: when even that is below the
// threshold the failure is certain, whatever the judge or provider would have said.
function checkPassRate(results: readonly TrialResult[], threshold: number): CheckOutcome {
  const total = results.length;
  const inconclusive = results.filter((result) => result.inconclusive).length;
  const decided = total - inconclusive;
  const passed = results.filter((result) => !result.inconclusive && result.passed).length;
  const rate = decided === 0 ? 0 : passed / decided;
  const bestCase = total === 0 ? 0 : (passed + inconclusive) / total;
  const failing = casesWhere(results, (result) => !result.inconclusive && !result.passed);
  const measured = `pass rate ${percent(rate)} (${passed} of ${decided} decided trials)`;
  if (decided > 0 && rate >= threshold)
    return { status: "met", reason: `${measured} meets ${percent(threshold)}` };
  if (bestCase < threshold) {
    return {
      status: "failed",
      reason: `${measured} is below the threshold ${percent(threshold)}; failing cases: ${caseList(failing) || "(none)"}`,
    };
  }
  return {
    status: "uncertain",
    reason: `${measured} is below ${percent(threshold)} but ${inconclusive} inconclusive trials could still lift it to ${percent(bestCase)}`,
  };
}

interface ScoreSelector {
  /** `scorers.<name>` or `dimensions.<name>`, as the threshold is written. */
  threshold: string;
  /** What reasons call the measured mean. */
  label: string;
  matches: (score: ScoreResult) => boolean;
}

function scoreSelectors(thresholds: GateThresholds): Array<ScoreSelector & { minimum: number }> {
  return [
    ...Object.entries(thresholds.scorers ?? {}).map(([name, minimum]) => ({
      threshold: `scorers.${name}`,
      label: name,
      matches: (score: ScoreResult) => score.scorer === name,
      minimum,
    })),
    ...Object.entries(thresholds.dimensions ?? {}).map(([name, minimum]) => ({
      threshold: `dimensions.${name}`,
      label: `dimension ${name}`,
      matches: (score: ScoreResult) => score.dimension === name,
      minimum,
    })),
  ];
}

function checkScore(
  results: readonly TrialResult[],
  selector: ScoreSelector,
  threshold: number,
): CheckOutcome {
  const key = selector.label;
  let sum = 0;
  let count = 0;
  let missing = 0;
  const failing = new Set<string>();
  let seen = false;
  for (const result of results) {
    const scores = result.scores.filter(selector.matches);
    if (scores.length > 0) seen = true;
    const decided = scores.filter((score) => !score.inconclusive);
    if (decided.length === 0) {
      if (result.inconclusive || scores.length > 0) missing += 1;
      continue;
    }
    for (const score of decided) {
      sum += score.value;
      count += 1;
      if (!score.passed) failing.add(result.caseId);
    }
  }
  if (!seen && missing === 0) {
    throw new GantryError({
      code: "EVAL_THRESHOLD_UNKNOWN",
      message: `The gate has a threshold thresholds.${selector.threshold}, but no scorer of the suite produced that score`,
      domain: "EVAL",
      category: "USER",
      details: {
        threshold: selector.threshold,
        scores: [...new Set(results.flatMap((r) => r.scores.map(scoreKey)))],
      },
      hint: "Under thresholds.scorers name a scorer of the suite (its `name`); under thresholds.dimensions a dimension a judge grades.",
    });
  }
  const mean = count === 0 ? 0 : sum / count;
  const bestCase = count + missing === 0 ? 0 : (sum + missing) / (count + missing);
  const measured = `${key} mean ${mean.toFixed(3)} (${count} scored trials)`;
  if (count > 0 && mean >= threshold) return { status: "met", reason: `${measured} meets ${threshold}` };
  if (bestCase < threshold) {
    return {
      status: "failed",
      reason: `${measured} is below the threshold ${threshold}; failing cases: ${caseList([...failing].sort()) || "(none)"}`,
    };
  }
  return {
    status: "uncertain",
    reason: `${measured} is below ${threshold} but ${missing} unscored trials could still lift it`,
  };
}

function inconclusiveReason(results: readonly TrialResult[]): string {
  const inconclusive = results.filter((result) => result.inconclusive);
  const why =
    inconclusive[0]?.output.error?.message ??
    inconclusive[0]?.scores.find((score) => score.inconclusive)?.reason ??
    "no verdict";
  return (
    `${inconclusive.length} of ${results.length} trials were inconclusive (judge or provider unavailable), ` +
    `cases: ${caseList(casesWhere(results, (result) => result.inconclusive))}; first: ${why}`
  );
}

function regressionReasons(comparison: RunComparison, maxRegressions: number | undefined): string[] {
  const reasons: string[] = [];
  const flipped = comparison.flips
    .filter((flip) => flip.baseline === "pass" && flip.current === "fail")
    .map((flip) => flip.caseId);
  const delta = `${comparison.passRateDelta >= 0 ? "+" : ""}${percent(comparison.passRateDelta)}`;
  if (comparison.significantRegression) {
    reasons.push(
      `pass rate changed ${delta} against run ${comparison.baselineRunId}, beyond the noise floor ` +
        `${percent(comparison.noiseFloor)} (McNemar p = ${comparison.pValue.toPrecision(3)}); regressed: ${caseList(flipped)}`,
    );
  }
  if (maxRegressions !== undefined && comparison.regressions > maxRegressions) {
    reasons.push(
      `${comparison.regressions} ${comparison.regressions === 1 ? "case" : "cases"} went from pass to fail against run ${comparison.baselineRunId} ` +
        `(at most ${maxRegressions} allowed): ${caseList(flipped)}`,
    );
  }
  return reasons;
}

/**
 * The CI gate's verdict, in this order: 100 when a threshold fails for certain (even counting every
 * inconclusive trial as a pass); 3 when any trial is inconclusive (a judge or provider could not
 * answer, so a pass cannot be vouched for); 2 on a significant regression against the baseline or
 * more pass → fail flips than `maxRegressions`; else 0. Every reason names its threshold and cases.
 * Throws EVAL_THRESHOLD_UNKNOWN for a score threshold no scorer produced (exit 1 in the CLI).
 */
export function gateVerdict(input: GateInput): GateVerdict {
  const { summary, results, thresholds, comparison } = input;
  const checks = [
    checkPassRate(results, thresholds.passRate ?? defaultPassRateThreshold),
    ...scoreSelectors(thresholds).map((selector) => checkScore(results, selector, selector.minimum)),
  ];
  const verdict = (exitCode: GateExitCode, reasons: string[]): GateVerdict => ({ exitCode, reasons });
  const failed = checks.filter((check) => check.status === "failed");
  if (failed.length > 0)
    return verdict(
      gateExitCodes.failedCases,
      failed.map((check) => check.reason),
    );
  const anyInconclusive = results.some((result) => result.inconclusive);
  if (anyInconclusive || results.length === 0) {
    const uncertain = checks.filter((check) => check.status === "uncertain").map((check) => check.reason);
    const head = results.length === 0 ? "no trial ran: nothing was decided" : inconclusiveReason(results);
    return verdict(gateExitCodes.inconclusive, [head, ...uncertain]);
  }
  const regressions = comparison ? regressionReasons(comparison, thresholds.maxRegressions) : [];
  if (regressions.length > 0) return verdict(gateExitCodes.regression, regressions);
  const [low, high] = summary.passRate.ci95;
  const passedLines = checks.map((check) => check.reason);
  passedLines[0] = `${passedLines[0]} (95% interval ${percent(low)}–${percent(high)})`;
  if (comparison) {
    passedLines.push(
      `no significant regression against run ${comparison.baselineRunId} ` +
        `(${comparison.regressions} regressed, ${comparison.improvements} improved, p = ${comparison.pValue.toPrecision(3)})`,
    );
  }
  return verdict(gateExitCodes.pass, passedLines);
}
