import type { ScoreResult, Scorer, ScorerContext } from "../eval-spec.js";

// Most scorers give one verdict per trial. They write only the check; this wraps it into a Scorer:
// the value is clamped to 0..1, `passed` defaults to value ≥ threshold, and a check that throws fails
// the trial with the error as the reason (a broken check is a failure to look at, not a pass).

/** A check's answer for one trial. */
export interface Verdict {
  value: number;
  /** Defaults to value ≥ threshold. */
  passed?: boolean;
  reason?: string;
  inconclusive?: boolean;
}

export type Check = (context: ScorerContext) => Verdict | Promise<Verdict>;

/** A scorer's name and threshold, as resolved from its spec. */
export interface ScorerBase {
  name: string;
  threshold: number;
}

export function clampScore(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** A verdict as a ScoreResult of `base`. */
export function scoreResult(base: ScorerBase, verdict: Verdict): ScoreResult {
  const value = clampScore(verdict.value);
  const result: ScoreResult = {
    scorer: base.name,
    value,
    passed: verdict.inconclusive ? false : (verdict.passed ?? value >= base.threshold),
  };
  if (verdict.reason !== undefined) result.reason = verdict.reason;
  if (verdict.inconclusive) result.inconclusive = true;
  return result;
}

/** A Scorer of one check. */
export function checkScorer(base: ScorerBase, type: string, check: Check): Scorer {
  return {
    ...base,
    type,
    async score(context) {
      try {
        return [scoreResult(base, await check(context))];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [
          scoreResult(base, { value: 0, passed: false, reason: `the ${type} check threw: ${message}` }),
        ];
      }
    },
  };
}

/** A pass (1) or a fail (0) with the reason for either. */
export function binary(passed: boolean, reason: string): Verdict {
  return { value: passed ? 1 : 0, passed, reason };
}

/** `scorer` inverted: value 1 − value, passed when that reaches the threshold (promptfoo's `not-…`). */
export function negated(scorer: Scorer): Scorer {
  return {
    ...scorer,
    async score(context) {
      const results = await scorer.score(context);
      return results.map((result) => {
        if (result.inconclusive) return result;
        const value = 1 - result.value;
        return {
          ...result,
          value,
          passed: value >= scorer.threshold,
          reason: `negated: ${result.reason ?? (result.passed ? "the check held" : "the check did not hold")}`,
        };
      });
    },
  };
}
