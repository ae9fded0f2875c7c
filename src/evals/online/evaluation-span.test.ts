import * as semconv from "@opentelemetry/semantic-conventions/incubating";
import { describe, expect, it } from "vitest";
import { makeSpan } from "../../../test/store/span-fixtures.js";
import { genAiEvaluation } from "../../telemetry/index.js";
import { evaluationSpanRecord } from "./evaluation-span.js";

// The `invoke_agent` root of a finished run.
const root = makeSpan({
  spanId: "00f067aa0ba902b7",
  name: "invoke_agent triage",
  kind: "internal",
  startTimeMs: 1_795_000_000_000,
  endTimeMs: 1_795_000_001_830,
});

describe("evaluation span", () => {
  it("spells the event and its attributes as the installed semantic conventions do", () => {
    expect(genAiEvaluation.resultEvent).toBe(semconv.EVENT_GEN_AI_EVALUATION_RESULT);
    expect(genAiEvaluation.nameKey).toBe(semconv.ATTR_GEN_AI_EVALUATION_NAME);
    expect(genAiEvaluation.scoreValueKey).toBe(semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE);
    expect(genAiEvaluation.scoreLabelKey).toBe(semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL);
    expect(genAiEvaluation.explanationKey).toBe(semconv.ATTR_GEN_AI_EVALUATION_EXPLANATION);
  });

  it("labels an undecided result inconclusive and gives it no value", () => {
    const span = evaluationSpanRecord({
      rule: "quality",
      projectId: "default",
      root,
      scoredAtMs: 1_795_000_100_000,
      results: [
        {
          scorer: "rubric",
          dimension: "faithfulness",
          value: 0,
          passed: false,
          inconclusive: true,
          reason: "judge timed out",
        },
      ],
    });
    expect(span.events).toEqual([
      {
        name: "gen_ai.evaluation.result",
        timeMs: root.endTimeMs,
        attributes: {
          "gen_ai.evaluation.name": "rubric.faithfulness",
          "gen_ai.evaluation.score.label": "inconclusive",
          "gen_ai.evaluation.explanation": "judge timed out",
        },
      },
    ]);
    expect(span.attributes["gantry.eval.scored_at"]).toBe(new Date(1_795_000_100_000).toISOString());
  });

  it("stamps a span under a root that has not ended at the root's start", () => {
    const span = evaluationSpanRecord({
      rule: "quality",
      projectId: "default",
      root: { ...root, endTimeMs: null },
      scoredAtMs: 1_795_000_100_000,
      results: [{ scorer: "is-json", value: 1, passed: true }],
    });
    expect(span).toMatchObject({
      startTimeMs: root.startTimeMs,
      endTimeMs: root.startTimeMs,
      parentSpanId: root.spanId,
    });
  });
});
