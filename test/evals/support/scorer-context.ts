import type { JsonValue } from "../../../src/core/index.js";
import type { CaseOutput, EvalCase, JudgeClient, ScorerContext } from "../../../src/evals/index.js";

/** A case with the defaults a dataset gives it. */
export function testCase(fields: Partial<EvalCase> = {}): EvalCase {
  return { id: "case-1", input: "Where is my refund?", tags: [], source: "manual", ...fields };
}

/** An output: `output` is the answer (text or JSON); `text` defaults to it as text. */
export function caseOutput(output: JsonValue, fields: Partial<CaseOutput> = {}): CaseOutput {
  return {
    output,
    text: typeof output === "string" ? output : JSON.stringify(output),
    toolCalls: [],
    costMicros: 100,
    latencyMs: 250,
    finishReason: "stop",
    ...fields,
  };
}

export function scorerContext(
  output: JsonValue | CaseOutput,
  caseFields: Partial<EvalCase> = {},
  judge?: JudgeClient,
): ScorerContext {
  const isOutput =
    typeof output === "object" && output !== null && !Array.isArray(output) && "toolCalls" in output;
  return {
    testCase: testCase(caseFields),
    output: isOutput ? (output as unknown as CaseOutput) : caseOutput(output as JsonValue),
    ...(judge ? { judge } : {}),
  };
}

/** A judge answering from a function of its request, recording every request. */
export function scriptedJudge(
  answer: (request: {
    system: string;
    user: string;
    schema: Record<string, unknown>;
  }) => JsonValue | Promise<JsonValue>,
  costMicros: number | null = 40,
): JudgeClient & { requests: { system: string; user: string; schema: Record<string, unknown> }[] } {
  const requests: { system: string; user: string; schema: Record<string, unknown> }[] = [];
  return {
    model: "judge:test",
    requests,
    async complete(request) {
      requests.push(request);
      return { json: await answer(request), costMicros };
    },
  };
}
