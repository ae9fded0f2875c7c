import { describe, expect, it } from "vitest";
import { bundledPrices } from "./bundled-prices.js";
import { exactDecimal, multiplyDecimal } from "./exact-decimal.js";

const { entries, snapshot } = bundledPrices();

describe("bundled price file", () => {
  it("records which snapshot of public prices it is", () => {
    expect(snapshot.version).toBe("2026-11-01");
    expect(snapshot.source).toMatch(/LiteLLM/);
  });

  it("prices every chat model's input and output, with positive numbers", () => {
    for (const [key, entry] of Object.entries(entries)) {
      expect(entry.mode, key).toBe("chat");
      expect(entry.input_cost_per_token, key).toBeGreaterThan(0);
      expect(entry.output_cost_per_token, key).toBeGreaterThan(0);
    }
  });

  it("covers current OpenAI, Anthropic, Google and sim models, including the fixtures' models", () => {
    for (const key of [
      "gpt-4o",
      "gpt-4o-mini",
      "gpt-4.1",
      "gpt-4.1-nano-2025-04-14",
      "o3",
      "o4-mini",
      "gpt-5",
      "gpt-5-mini",
      "claude-sonnet-4-5-20250929",
      "claude-opus-4-5-20251101",
      "claude-haiku-4-5-20251001",
      "gemini/gemini-2.5-pro",
      "gemini/gemini-2.5-flash",
      "xai/grok-3-mini",
      "sim/default",
      "sim/fast",
    ]) {
      expect(entries[key], key).toBeDefined();
    }
  });

  it("marks the sim prices as simulated", () => {
    for (const key of ["sim/default", "sim/fast"]) {
      expect(JSON.stringify(entries[key]?.metadata)).toMatch(/SIMULATED/);
    }
  });

  it("keeps Anthropic's published cache multipliers in every Anthropic entry", () => {
    const anthropic = Object.entries(entries).filter(([, entry]) => entry.litellm_provider === "anthropic");
    expect(anthropic.length).toBeGreaterThan(5);
    for (const [key, entry] of anthropic) {
      const input = exactDecimal(entry.input_cost_per_token ?? Number.NaN);
      // Exact: a = b as decimals when a.units x 10^b.scale = b.units x 10^a.scale.
      const same = (value: number | undefined, factor: number) => {
        const listed = exactDecimal(value ?? Number.NaN);
        const derived = multiplyDecimal(input, factor);
        expect(listed.units * 10n ** BigInt(derived.scale), `${key} x${factor}`).toBe(
          derived.units * 10n ** BigInt(listed.scale),
        );
      };
      same(entry.cache_creation_input_token_cost, 1.25);
      same(entry.cache_creation_input_token_cost_above_1hr, 2);
      same(entry.cache_read_input_token_cost, 0.1);
      if (entry.input_cost_per_token_above_200k_tokens === undefined) continue;
      // The multipliers stack with the long-context tier.
      const longInput = exactDecimal(entry.input_cost_per_token_above_200k_tokens);
      for (const [field, factor] of [
        ["cache_creation_input_token_cost_above_200k_tokens", 1.25],
        ["cache_creation_input_token_cost_above_1hr_above_200k_tokens", 2],
        ["cache_read_input_token_cost_above_200k_tokens", 0.1],
      ] as const) {
        const listed = exactDecimal(Number(entry[field]));
        const derived = multiplyDecimal(longInput, factor);
        expect(listed.units * 10n ** BigInt(derived.scale), `${key}.${field}`).toBe(
          derived.units * 10n ** BigInt(listed.scale),
        );
      }
    }
  });

  it("gives every cached OpenAI and Google model a cache-read price below its input price", () => {
    for (const [key, entry] of Object.entries(entries)) {
      if (entry.litellm_provider !== "openai" && entry.litellm_provider !== "gemini") continue;
      if (entry.cache_read_input_token_cost === undefined) continue;
      expect(entry.cache_read_input_token_cost, key).toBeLessThan(entry.input_cost_per_token ?? 0);
    }
  });
});
