import { describe, expect, it } from "vitest";
import type { ResponsePlan } from "./plan-response.js";
import { SeededRandom } from "./seeded-random.js";
import { type StreamScript, streamSteps } from "./stream-steps.js";

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

function script(plan: Partial<ResponsePlan>, overrides: Partial<StreamScript> = {}): StreamScript {
  return {
    plan: {
      text: "",
      toolCalls: [],
      finishReason: { unified: "stop", raw: "stop" },
      ruleName: "r",
      refused: false,
      ...plan,
    },
    textChunks: plan.text ? plan.text.split(/(?<= )/) : [],
    usage,
    response: { id: "resp_1", timestamp: new Date(0), modelId: "default@2026-01" },
    providerMetadata: {},
    firstTokenMs: 100,
    chunkMs: 5,
    fault: undefined,
    faultRandom: new SeededRandom(1),
    context: { url: "sim://models/default", requestBodyValues: {} },
    includeRawChunks: false,
    ...overrides,
  };
}

const kinds = (steps: ReturnType<typeof streamSteps>) =>
  steps.map((step) => ("part" in step ? step.part.type : "ERROR"));

describe("stream steps", () => {
  it("puts the first-token delay on response-metadata and the chunk delay on each delta", () => {
    const steps = streamSteps(script({ text: "one two three" }));
    expect(kinds(steps)).toEqual([
      "stream-start",
      "response-metadata",
      "text-start",
      "text-delta",
      "text-delta",
      "text-delta",
      "text-end",
      "finish",
    ]);
    expect(steps.map((step) => step.delayMs)).toEqual([0, 100, 0, 5, 5, 5, 0, 0]);
  });

  it("cuts a tool-call-only stream after some argument deltas, before the tool call and finish", () => {
    const toolCalls = [
      { toolCallId: "c1", toolName: "lookup", input: JSON.stringify({ orderId: "A-1234", note: "x" }) },
    ];
    const steps = streamSteps(script({ toolCalls }, { fault: "cutStream" }));
    const seen = kinds(steps);
    expect(seen.at(-1)).toBe("ERROR");
    expect(seen).toContain("tool-input-delta");
    expect(seen).not.toContain("tool-call");
    expect(seen).not.toContain("finish");
  });

  it("cuts a one-chunk answer after that chunk", () => {
    const steps = streamSteps(script({ text: "Done." }, { fault: "cutStream" }));
    expect(kinds(steps)).toEqual(["stream-start", "response-metadata", "text-start", "text-delta", "ERROR"]);
  });

  it("replaces one delta with an error part when a chunk is malformed, keeping the finish", () => {
    const steps = streamSteps(script({ text: "one two three four" }, { fault: "malformedChunk" }));
    const seen = kinds(steps);
    expect(seen.filter((kind) => kind === "text-delta")).toHaveLength(3);
    expect(seen.filter((kind) => kind === "error")).toHaveLength(1);
    expect(seen.at(-1)).toBe("finish");
  });
});
