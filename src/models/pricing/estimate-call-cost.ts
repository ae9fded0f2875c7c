import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { providerOf } from "../client/attempt-ledger.js";
import { renderPromptText } from "../sim/render-prompt-text.js";
import { bucketPrices } from "./bucket-prices.js";
import { type ExactDecimal, sumProducts } from "./exact-decimal.js";
import type { PriceCatalog } from "./price-catalog.js";

/** What one call's cost is estimated from: its prompt (as text, or as the prompt the model gets). */
export type EstimatePromptInput =
  | { promptText: string }
  | ({ prompt: LanguageModelV3Prompt } & Pick<LanguageModelV3CallOptions, "tools" | "responseFormat">);

export type EstimateCallCostOptions = EstimatePromptInput & {
  catalog: PriceCatalog;
  /** Model ids the call may go to (`provider:model`); the estimate is for the dearest. */
  candidates: readonly string[];
  /** The most output the call may produce; reserved in full. */
  maxOutputTokens: number;
  /** Tokens of a text, e.g. the o200k_base counter from `loadTokenCounter()`. */
  countTokens: (text: string) => number;
};

/** `usd` in micro-USD, rounded up: a reservation may not be smaller than what it covers. */
function ceilToMicros(usd: ExactDecimal): number {
  const numerator = usd.units * 1_000_000n;
  const denominator = 10n ** BigInt(usd.scale);
  return Number((numerator + denominator - 1n) / denominator);
}

/** The text a prompt is billed as: every message, the offered tools and the requested schema. */
function promptTextOf(input: EstimatePromptInput): string {
  if ("promptText" in input) return input.promptText;
  return renderPromptText({
    prompt: input.prompt,
    ...(input.tools === undefined ? {} : { tools: input.tools }),
    ...(input.responseFormat === undefined ? {} : { responseFormat: input.responseFormat }),
  });
}

/**
 * The most one call can cost, in integer micro-USD rounded up: the prompt's tokens at the input price
 * plus `maxOutputTokens` at the output price (the reasoning price when dearer, since reasoning bills as
 * output), for the dearest candidate, at the long-context tier when the prompt is past it. Null when
 * any candidate is unpriced: its cost is unknown, never 0. It is an estimate — the tokenizer is
 * o200k_base for every provider — so a call may settle above it.
 */
export function estimateCallCost(options: EstimateCallCostOptions): number | null {
  const inputTokens = options.countTokens(promptTextOf(options));
  const outputTokens = Math.max(0, Math.ceil(options.maxOutputTokens));
  const usage = {
    input: inputTokens,
    cacheRead: 0,
    cacheWrite: 0,
    cacheWrite1h: 0,
    output: outputTokens,
    reasoning: 0,
  };
  let dearest: number | null = null;
  for (const modelId of options.candidates) {
    const price = options.catalog.lookup(modelId);
    if (price === undefined) return null;
    const prices = bucketPrices(price.entry, usage, providerOf(modelId));
    const output = dearer(prices.output, prices.reasoning);
    if ((inputTokens > 0 && prices.input === undefined) || (outputTokens > 0 && output === undefined))
      return null;
    const terms = [
      ...(prices.input === undefined ? [] : [{ tokens: inputTokens, price: prices.input }]),
      ...(output === undefined ? [] : [{ tokens: outputTokens, price: output }]),
    ];
    const micros = ceilToMicros(sumProducts(terms));
    dearest = dearest === null ? micros : Math.max(dearest, micros);
  }
  return dearest;
}

function dearer(left: ExactDecimal | undefined, right: ExactDecimal | undefined): ExactDecimal | undefined {
  if (left === undefined || right === undefined) return left ?? right;
  const scale = Math.max(left.scale, right.scale);
  const leftUnits = left.units * 10n ** BigInt(scale - left.scale);
  const rightUnits = right.units * 10n ** BigInt(scale - right.scale);
  return leftUnits >= rightUnits ? left : right;
}
