import type { ScoreResult, Scorer } from "../eval-spec.js";
import { judgeRubric } from "./judge-rubric.js";
import type { RubricSpec } from "./judge-spec-schema.js";
import { rubricSettings } from "./rubric-prompt.js";

// The `llm-rubric` scorer: one judge call per trial, one ScoreResult per dimension (its `dimension`
// set), passed when the chosen label's score reaches the threshold. What judging cost is put on the
// first result only, so summing results counts it once.

export const defaultJudgeThreshold = 0.5;

/** A rubric judge scorer; `name` defaults to `llm-rubric`. */
export function rubricScorer(spec: RubricSpec, name = spec.name ?? "llm-rubric"): Scorer {
  const settings = rubricSettings(spec);
  const threshold = spec.threshold ?? defaultJudgeThreshold;
  return {
    name,
    type: "llm-rubric",
    threshold,
    async score({ testCase, output, judge }) {
      const rubric = settings.rubric ?? testCase.rubric;
      const judgement = await judgeRubric(judge, settings, {
        input: testCase.input,
        answer: output.output,
        ...(testCase.context === undefined ? {} : { context: testCase.context }),
        ...(testCase.expected === undefined ? {} : { reference: testCase.expected }),
        ...(rubric === undefined ? {} : { rubric }),
        toolCalls: output.toolCalls,
      });
      return judgement.verdicts.map((verdict, index): ScoreResult => {
        const value = verdict.score ?? 0;
        const result: ScoreResult = {
          scorer: name,
          dimension: verdict.dimension,
          value,
          passed: !verdict.inconclusive && value >= threshold,
          reason: verdict.choice ? `${verdict.choice}: ${verdict.reason}` : verdict.reason,
        };
        if (verdict.inconclusive) result.inconclusive = true;
        if (index === 0 && judgement.costMicros !== null) result.costMicros = judgement.costMicros;
        return result;
      });
    },
  };
}
