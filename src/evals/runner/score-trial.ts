import { GantryError } from "../../core/index.js";
import type { CaseOutput, EvalCase, JudgeClient, ScoreResult, Scorer, TrialResult } from "../eval-spec.js";
import { isUnavailableCode } from "./target-errors.js";

// A scorer that cannot reach its judge says "could not tell"; a scorer that breaks otherwise is a bug
// (ours or a custom scorer's) and stops the run, so it is never mistaken for a failing case.
function scorerFailure(scorer: Scorer, testCase: EvalCase, error: unknown): ScoreResult[] {
  const unavailable =
    GantryError.isInstance(error) && (error.category === "THIRD_PARTY" || isUnavailableCode(error.code));
  if (unavailable) {
    return [
      { scorer: scorer.name, value: 0, passed: false, inconclusive: true, reason: (error as Error).message },
    ];
  }
  throw new GantryError({
    code: "EVAL_SCORER_FAILED",
    message: `Scorer "${scorer.name}" (${scorer.type}) threw on case "${testCase.id}": ${
      error instanceof Error ? error.message : String(error)
    }`,
    domain: "EVAL",
    category: "SYSTEM",
    details: { scorer: scorer.name, type: scorer.type, caseId: testCase.id },
    cause: error,
    hint: "A scorer must return a result for any output, including null and text where JSON was expected; fix it and resume the run with --resume.",
  });
}

/**
 * Scores one trial. An unavailable target is inconclusive and is not scored. A trial passes when the
 * target did not fail and every score passed; it is inconclusive when a score could not be decided
 * and no decided score failed (one decided failure already fails it).
 */
export async function scoreTrial(input: {
  testCase: EvalCase;
  trial: number;
  output: CaseOutput;
  scorers: readonly Scorer[];
  judge?: JudgeClient;
}): Promise<TrialResult> {
  const { testCase, trial, output, scorers, judge } = input;
  const base = { caseId: testCase.id, trial, output };
  if (output.error?.unavailable) return { ...base, scores: [], passed: false, inconclusive: true };
  const scores: ScoreResult[] = [];
  for (const scorer of scorers) {
    try {
      scores.push(...(await scorer.score({ testCase, output, ...(judge ? { judge } : {}) })));
    } catch (error) {
      scores.push(...scorerFailure(scorer, testCase, error));
    }
  }
  const decidedFailure = scores.some((score) => !score.inconclusive && !score.passed);
  const undecided = scores.some((score) => score.inconclusive);
  const failed = output.error !== undefined || decidedFailure;
  return { ...base, scores, passed: !failed && !undecided, inconclusive: !failed && undecided };
}
