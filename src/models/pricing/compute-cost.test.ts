import { describe, expect, it } from "vitest";
import type { PriceEntry } from "../../core/index.js";
import type { NormalisedUsage } from "../model-call-spec.js";
import { computeCost } from "./compute-cost.js";

const none: NormalisedUsage = {
  input: 0,
  cacheRead: 0,
  cacheWrite: 0,
  cacheWrite1h: 0,
  output: 0,
  reasoning: 0,
};
const usage = (buckets: Partial<NormalisedUsage>): NormalisedUsage => ({ ...none, ...buckets });

// Claude Sonnet 4.5 list prices, as in the bundled file.
const sonnet: PriceEntry = {
  litellm_provider: "anthropic",
  input_cost_per_token: 3e-6,
  output_cost_per_token: 1.5e-5,
  cache_creation_input_token_cost: 3.75e-6,
  cache_creation_input_token_cost_above_1hr: 6e-6,
  cache_read_input_token_cost: 3e-7,
  input_cost_per_token_above_200k_tokens: 6e-6,
  output_cost_per_token_above_200k_tokens: 2.25e-5,
  cache_creation_input_token_cost_above_200k_tokens: 7.5e-6,
  cache_read_input_token_cost_above_200k_tokens: 6e-7,
};

describe("computeCost", () => {
  it("prices each bucket at its own rate and rounds the exact total once, half up", () => {
    // 6 x 3 + 3337 x 3.75 + 6289 x 0.3 + 198 x 15 µ$ = 18 + 12513.75 + 1886.7 + 2970 = 17388.45 → 17388
    const cost = computeCost(usage({ input: 6, cacheWrite: 3337, cacheRead: 6289, output: 198 }), sonnet, {
      priceVersion: "2026-11-01",
    });
    expect(cost).toEqual({
      micros: 17388,
      source: "computed",
      priceVersion: "2026-11-01",
      breakdown: { input: 18, cacheWrite: 12514, cacheRead: 1887, output: 2970 },
    });
  });

  it("rounds once: per-bucket rounding would give a different total", () => {
    // 1 x 0.3 + 1 x 0.3 µ$ = 0.6 µ$ → 1; rounding each bucket first would give 0 + 0 = 0.
    const cost = computeCost(usage({ cacheRead: 1, input: 1 }), {
      input_cost_per_token: 3e-7,
      cache_read_input_token_cost: 3e-7,
    });
    expect(cost.micros).toBe(1);
    expect(cost.breakdown).toEqual({ input: 0, cacheRead: 0 });
  });

  it("bills 1-hour cache writes at their own price", () => {
    // 1000 x 6 µ$ = 6000; the same tokens as 5-minute writes would be 3750.
    expect(computeCost(usage({ cacheWrite1h: 1000 }), sonnet).micros).toBe(6000);
    expect(computeCost(usage({ cacheWrite: 1000 }), sonnet).micros).toBe(3750);
  });

  it("prices reasoning at output_cost_per_reasoning_token, else at the output price", () => {
    const entry: PriceEntry = { input_cost_per_token: 1e-6, output_cost_per_token: 4e-6 };
    expect(computeCost(usage({ reasoning: 1000 }), entry).micros).toBe(4000);
    expect(
      computeCost(usage({ reasoning: 1000 }), { ...entry, output_cost_per_reasoning_token: 3.5e-6 }).micros,
    ).toBe(3500);
  });

  it("applies the long-context tier only above 200k prompt tokens, cache included", () => {
    // 200,000 prompt tokens exactly: base tier. 150,000 x 3 + 50,000 x 0.3 + 1,000 x 15 = 480,000 µ$
    expect(computeCost(usage({ input: 150_000, cacheRead: 50_000, output: 1000 }), sonnet).micros).toBe(
      480_000,
    );
    // 200,001: every bucket at the tier. 150,001 x 6 + 50,000 x 0.6 + 1,000 x 22.5 = 952,506 µ$
    expect(computeCost(usage({ input: 150_001, cacheRead: 50_000, output: 1000 }), sonnet).micros).toBe(
      952_506,
    );
  });

  it("Anthropic fallbacks: 1.25x input for 5m writes, 2x for 1h writes, 0.1x for reads (tier-aware)", () => {
    const bare: PriceEntry = {
      litellm_provider: "anthropic",
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.5e-5,
    };
    expect(computeCost(usage({ cacheWrite: 1000 }), bare).micros).toBe(3750);
    expect(computeCost(usage({ cacheWrite1h: 1000 }), bare).micros).toBe(6000);
    expect(computeCost(usage({ cacheRead: 1000 }), bare).micros).toBe(300);
    // The provider argument applies the same rules to an entry without litellm_provider.
    const unnamed: PriceEntry = { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 };
    expect(computeCost(usage({ cacheRead: 1000 }), unnamed, { provider: "anthropic" }).micros).toBe(300);
    // Above 200k with a long-context input price: the multipliers apply to $6/MTok.
    const longBare = { ...bare, input_cost_per_token_above_200k_tokens: 6e-6 };
    // 200,000 x 6 + 1,000 x 12 (2 x 6, 1h) = 1,212,000 µ$
    expect(computeCost(usage({ input: 200_000, cacheWrite1h: 1000 }), longBare).micros).toBe(1_212_000);
    // The bundled 1h-above-200k field, when present, wins: 200,000 x 6 + 1,000 x 12.
    const withField = { ...sonnet, cache_creation_input_token_cost_above_1hr_above_200k_tokens: 1.2e-5 };
    expect(computeCost(usage({ input: 200_000, cacheWrite1h: 1000 }), withField).micros).toBe(1_212_000);
  });

  it("other providers: cache reads and writes without a price bill as input, 1h as 5m", () => {
    const entry: PriceEntry = {
      litellm_provider: "openai",
      input_cost_per_token: 2e-6,
      output_cost_per_token: 8e-6,
    };
    expect(computeCost(usage({ cacheRead: 1000 }), entry).micros).toBe(2000);
    expect(computeCost(usage({ cacheWrite: 1000 }), entry).micros).toBe(2000);
    expect(
      computeCost(usage({ cacheWrite1h: 1000 }), { ...entry, cache_creation_input_token_cost: 2.5e-6 })
        .micros,
    ).toBe(2500);
  });

  it("never bills cached tokens at the input rate on top of the cache rate (the 4x bug)", () => {
    // GPT-4o: 10,000 prompt tokens of which 9,000 cached. Right: 1,000 x 2.5 + 9,000 x 1.25 = 13,750 µ$.
    // Wrong (cached tokens also billed as input): 10,000 x 2.5 + 9,000 x 1.25 = 36,250 µ$.
    const gpt4o: PriceEntry = {
      input_cost_per_token: 2.5e-6,
      cache_read_input_token_cost: 1.25e-6,
      output_cost_per_token: 1e-5,
    };
    const cost = computeCost(usage({ input: 1000, cacheRead: 9000 }), gpt4o);
    expect(cost.micros).toBe(13_750);
    expect(cost.breakdown).toEqual({ input: 2500, cacheRead: 11_250 });
  });

  it("an unpriced model costs unknown, never 0", () => {
    expect(computeCost(usage({ input: 10, output: 10 }), undefined)).toEqual({
      micros: null,
      source: "unknown",
    });
    // An entry that cannot price a bucket the call used is unknown too.
    const inputOnly: PriceEntry = { input_cost_per_token: 1e-6 };
    expect(computeCost(usage({ input: 10, output: 10 }), inputOnly, { priceVersion: "override" })).toEqual({
      micros: null,
      source: "unknown",
      priceVersion: "override",
    });
    // …but is enough when the call used only what it prices.
    expect(computeCost(usage({ input: 10 }), inputOnly).micros).toBe(10);
  });

  it("an explicit zero price is a computed 0, not unknown", () => {
    const free: PriceEntry = { input_cost_per_token: 0, output_cost_per_token: 0 };
    expect(computeCost(usage({ input: 100, output: 100 }), free)).toMatchObject({
      micros: 0,
      source: "computed",
    });
  });

  it("a provider-reported cost wins, even for an unpriced model", () => {
    expect(computeCost(usage({ input: 10 }), undefined, { reportedCostMicros: 172 })).toEqual({
      micros: 172,
      source: "reported",
    });
    expect(computeCost(usage({ input: 10 }), sonnet, { reportedCostMicros: 0, priceVersion: "v" })).toEqual({
      micros: 0,
      source: "reported",
      priceVersion: "v",
    });
  });
});
