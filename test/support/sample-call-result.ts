import type { ModelCallResult } from "../../src/models/index.js";

/** A finished call as the client would return it, for the gateway's unit tests. */
export function sampleCallResult(overrides: Partial<ModelCallResult> = {}): ModelCallResult {
  return {
    modelId: "openai:gpt-4o-mini",
    content: [{ type: "text", text: "Hello there." }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: { input: 10, cacheRead: 4, cacheWrite: 2, cacheWrite1h: 0, output: 7, reasoning: 3 },
    cost: { micros: 123, source: "computed", priceVersion: "2026-01" },
    attempts: [
      {
        number: 1,
        modelId: "openai:gpt-4o",
        provider: "openai",
        startedAt: 0,
        durationMs: 12.4,
        waitedMs: 0,
        outcome: "error",
        error: { code: "RATE_LIMITED", message: "429", statusCode: 429, retryable: true },
      },
      {
        number: 2,
        modelId: "openai:gpt-4o-mini",
        provider: "openai",
        startedAt: 20,
        durationMs: 30,
        waitedMs: 250,
        outcome: "success",
      },
    ],
    route: { tier: "small", reason: "tier", candidates: ["openai:gpt-4o", "openai:gpt-4o-mini"] },
    cached: false,
    ...overrides,
  };
}
