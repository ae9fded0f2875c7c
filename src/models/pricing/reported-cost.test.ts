import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { reportedCostMicros } from "./reported-cost.js";

function usageWithRaw(raw: LanguageModelV3Usage["raw"]): LanguageModelV3Usage {
  return {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 1, text: 1, reasoning: 0 },
    raw,
  };
}

describe("reported cost", () => {
  it("converts xAI's cost_in_usd_ticks (1e-10 USD) to micro-USD, half up", () => {
    expect(reportedCostMicros(usageWithRaw({ cost_in_usd_ticks: 1_721_250 }))).toBe(172); // 172.125
    expect(reportedCostMicros(usageWithRaw({ cost_in_usd_ticks: 1_725_000 }))).toBe(173); // 172.5
    expect(reportedCostMicros(usageWithRaw({ cost_in_usd_ticks: 0 }))).toBe(0);
  });

  it("converts OpenRouter's usage.cost (USD) exactly", () => {
    expect(reportedCostMicros(usageWithRaw({ cost: 0.0001955 }))).toBe(196); // 195.5 µ$
    expect(reportedCostMicros(usageWithRaw(undefined), { openrouter: { usage: { cost: 0.00042 } } })).toBe(
      420,
    );
  });

  it("is undefined when the provider reports no cost, or nonsense", () => {
    expect(reportedCostMicros(usageWithRaw({ prompt_tokens: 3 }))).toBeUndefined();
    expect(reportedCostMicros(usageWithRaw(undefined))).toBeUndefined();
    expect(reportedCostMicros(usageWithRaw({ cost: -1 }))).toBeUndefined();
    expect(reportedCostMicros(usageWithRaw({ cost_in_usd_ticks: 1.5 }))).toBeUndefined();
  });
});
