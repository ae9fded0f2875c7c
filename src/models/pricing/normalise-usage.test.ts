import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { normaliseUsage } from "./normalise-usage.js";

// The V3 usages below are what @ai-sdk/openai@3 and @ai-sdk/anthropic@3 build from the wire
// (convertOpenAIChatUsage / convertAnthropicMessagesUsage), so each test states both sides.

describe("normaliseUsage", () => {
  it("OpenAI: takes cached tokens out of prompt tokens and reasoning out of completion tokens", () => {
    // wire: prompt_tokens 1200 (cached_tokens 1024), completion_tokens 500 (reasoning_tokens 320), total 1700
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 1200, noCache: 176, cacheRead: 1024, cacheWrite: undefined },
      outputTokens: { total: 500, text: 180, reasoning: 320 },
      raw: { prompt_tokens: 1200, completion_tokens: 500, total_tokens: 1700 },
    };
    expect(normaliseUsage("openai", usage)).toEqual({
      input: 176,
      cacheRead: 1024,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 180,
      reasoning: 320,
    });
  });

  it("Anthropic: input_tokens already excludes cache reads and writes; splits writes 5m / 1h", () => {
    const raw = {
      input_tokens: 50,
      cache_read_input_tokens: 4000,
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
      output_tokens: 700,
      output_tokens_details: { thinking_tokens: 200 },
    };
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 7050, noCache: 50, cacheRead: 4000, cacheWrite: 3000 },
      outputTokens: { total: 700, text: 500, reasoning: 200 },
      raw,
    };
    const normalised = normaliseUsage("anthropic", usage, { anthropic: { usage: raw } });
    expect(normalised).toEqual({
      input: 50,
      cacheRead: 4000,
      cacheWrite: 1000,
      cacheWrite1h: 2000,
      output: 500,
      reasoning: 200,
    });
    // Disjoint: the buckets add back up to the provider's totals, nothing counted twice.
    const inputSide =
      normalised.input + normalised.cacheRead + normalised.cacheWrite + normalised.cacheWrite1h;
    expect(inputSide).toBe(usage.inputTokens.total);
    expect(normalised.output + normalised.reasoning).toBe(usage.outputTokens.total);
  });

  it("Anthropic stream: a TTL split left stale by message_delta bills the extra writes at 5 minutes", () => {
    // message_start said 3068 writes (all 5m); message_delta raised the total to 3337 without a split.
    const raw = {
      input_tokens: 6,
      cache_creation_input_tokens: 3337,
      cache_read_input_tokens: 6289,
      cache_creation: { ephemeral_5m_input_tokens: 3068, ephemeral_1h_input_tokens: 0 },
      output_tokens: 198,
    };
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 9632, noCache: 6, cacheRead: 6289, cacheWrite: 3337 },
      outputTokens: { total: 198, text: 198, reasoning: 0 },
      raw,
    };
    expect(normaliseUsage("anthropic", usage)).toMatchObject({ cacheWrite: 3337, cacheWrite1h: 0 });
    // A stale 1h count larger than the final total is capped, never negative 5m writes.
    const shrunk = { ...usage, inputTokens: { ...usage.inputTokens, cacheWrite: 10 } };
    const overSplit = { ...shrunk, raw: { ...raw, cache_creation: { ephemeral_1h_input_tokens: 50 } } };
    expect(normaliseUsage("anthropic", overSplit)).toMatchObject({ cacheWrite: 0, cacheWrite1h: 10 });
  });

  it("finds the TTL split in provider metadata under a custom provider name", () => {
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 110, noCache: 10, cacheRead: 0, cacheWrite: 100 },
      outputTokens: { total: 5, text: undefined, reasoning: undefined },
    };
    const metadata = { "claude-proxy": { usage: { cache_creation: { ephemeral_1h_input_tokens: 100 } } } };
    expect(normaliseUsage("claude-proxy", usage, metadata)).toMatchObject({
      cacheWrite: 0,
      cacheWrite1h: 100,
    });
  });

  it("xAI: reasoning is outside completion_tokens, which total_tokens proves", () => {
    // wire: prompt 12 (cached 11), completion 2, reasoning 340, total 354 = 12 + 2 + 340
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 12, noCache: 1, cacheRead: 11, cacheWrite: undefined },
      outputTokens: { total: 2, text: 0, reasoning: 340 },
      raw: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 354 },
    };
    expect(normaliseUsage("xai", usage)).toEqual({
      input: 1,
      cacheRead: 11,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 2,
      reasoning: 340,
    });
    // The same numbers without total_tokens: the provider name decides; another name clamps at 0.
    const withoutTotal = { ...usage, raw: { prompt_tokens: 12, completion_tokens: 2 } };
    expect(normaliseUsage("xai", withoutTotal).output).toBe(2);
    expect(normaliseUsage("groq", withoutTotal).output).toBe(0);
  });

  it("treats missing counts as 0 and derives input from the total when noCache is absent", () => {
    const usage: LanguageModelV3Usage = {
      inputTokens: { total: 40, noCache: undefined, cacheRead: 15, cacheWrite: undefined },
      outputTokens: { total: undefined, text: 9, reasoning: undefined },
    };
    expect(normaliseUsage("ollama", usage)).toEqual({
      input: 25,
      cacheRead: 15,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 9,
      reasoning: 0,
    });
    const empty: LanguageModelV3Usage = {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
    expect(Object.values(normaliseUsage("sim", empty))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
