import type { PriceEntry } from "../../core/index.js";
import type { NormalisedUsage } from "../model-call-spec.js";
import { type ExactDecimal, exactDecimal, multiplyDecimal } from "./exact-decimal.js";

/** Prompts above this many tokens (input + cache reads + cache writes) bill at the long-context tier. */
export const longContextThreshold = 200_000;

// Anthropic's published prompt-caching multipliers of the base input price: 5-minute writes 1.25x,
// 1-hour writes 2x, reads 0.1x. They stack with the long-context tier.
const anthropicMultipliers = { cacheWrite: 1.25, cacheWrite1h: 2, cacheRead: 0.1 } as const;

// LiteLLM names the 1-hour write price above the long-context threshold this way; it is not in
// priceEntrySchema (which is loose, so the field survives validation and is read here with a guard).
const oneHourAboveLongContextField = "cache_creation_input_token_cost_above_1hr_above_200k_tokens";

export type UsageBucket = keyof NormalisedUsage;

/** USD per token for each bucket; undefined where the entry gives no price and no fallback applies. */
export type BucketPrices = Record<UsageBucket, ExactDecimal | undefined>;

/** Whether a call's prompt is past the long-context threshold. */
export function isLongContext(usage: NormalisedUsage): boolean {
  return usage.input + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h > longContextThreshold;
}

/**
 * The price of each bucket for one call. Each falls back only where the provider's billing says so:
 * - long-context field missing → the base field (the model has one rate for that bucket), except
 *   Anthropic cache prices of a model with a long-context input price, which follow that price
 *   through the multipliers;
 * - reasoning: `output_cost_per_reasoning_token`, else the output price (every provider bills
 *   reasoning as output);
 * - cache read: missing → 0.1x input for Anthropic; for others the input price (a provider that
 *   discounts cached tokens has a cache price in the file; without one, reads bill as input);
 * - cache write (5 min): missing → 1.25x input for Anthropic; the input price for others (OpenAI
 *   charges writes as ordinary input);
 * - cache write (1 h): `cache_creation_input_token_cost_above_1hr`, else 2x input for Anthropic, else
 *   the 5-minute write price (other providers have one TTL).
 */
export function bucketPrices(entry: PriceEntry, usage: NormalisedUsage, provider?: string): BucketPrices {
  const long = isLongContext(usage);
  const anthropic = provider === "anthropic" || entry.litellm_provider === "anthropic";
  const decimal = (value: number | undefined) => (value === undefined ? undefined : exactDecimal(value));
  // Anthropic cache prices derive from the input price of the tier the call is in, so above the
  // threshold of a model with a long-context input price, a missing cache field is not the base one.
  const inputTierApplies = long && entry.input_cost_per_token_above_200k_tokens !== undefined;
  const tiered = (base: number | undefined, aboveLongContext: number | undefined) =>
    decimal(inputTierApplies ? aboveLongContext : base);
  const tieredOrBase = (base: number | undefined, aboveLongContext: number | undefined) =>
    decimal(long && aboveLongContext !== undefined ? aboveLongContext : base);

  const input = tieredOrBase(entry.input_cost_per_token, entry.input_cost_per_token_above_200k_tokens);
  const output = tieredOrBase(entry.output_cost_per_token, entry.output_cost_per_token_above_200k_tokens);
  const reasoning = decimal(entry.output_cost_per_reasoning_token) ?? output;
  const ofInput = (multiplier: number) =>
    input === undefined ? undefined : multiplyDecimal(input, multiplier);

  const readBase = entry.cache_read_input_token_cost;
  const readAbove = entry.cache_read_input_token_cost_above_200k_tokens;
  const writeBase = entry.cache_creation_input_token_cost;
  const writeAbove = entry.cache_creation_input_token_cost_above_200k_tokens;
  const oneHourBase = entry.cache_creation_input_token_cost_above_1hr;
  const oneHourAboveValue = entry[oneHourAboveLongContextField];
  const oneHourAbove =
    typeof oneHourAboveValue === "number" && oneHourAboveValue >= 0 ? oneHourAboveValue : undefined;

  if (anthropic) {
    return {
      input,
      output,
      reasoning,
      cacheRead: tiered(readBase, readAbove) ?? ofInput(anthropicMultipliers.cacheRead),
      cacheWrite: tiered(writeBase, writeAbove) ?? ofInput(anthropicMultipliers.cacheWrite),
      cacheWrite1h: tiered(oneHourBase, oneHourAbove) ?? ofInput(anthropicMultipliers.cacheWrite1h),
    };
  }
  const cacheWrite = tieredOrBase(writeBase, writeAbove) ?? input;
  return {
    input,
    output,
    reasoning,
    cacheRead: tieredOrBase(readBase, readAbove) ?? input,
    cacheWrite,
    cacheWrite1h: tieredOrBase(oneHourBase, oneHourAbove) ?? cacheWrite,
  };
}
