import type { LanguageModelV3Usage, SharedV3ProviderMetadata } from "@ai-sdk/provider";
import { exactDecimal, roundToMicros } from "./exact-decimal.js";
import { readJsonNumber } from "./read-json-number.js";

/** xAI reports `usage.cost_in_usd_ticks`; one tick is 10^-10 USD, so 10^4 ticks make a micro-USD. */
const ticksPerMicro = 10_000;

/**
 * The cost the provider itself billed for the call, in integer micro-USD (rounded half up), when it
 * says: xAI's `usage.cost_in_usd_ticks`, OpenRouter's `usage.cost` (USD). Undefined when it does not.
 */
export function reportedCostMicros(
  usage: LanguageModelV3Usage,
  providerMetadata?: SharedV3ProviderMetadata,
): number | undefined {
  const ticks = readJsonNumber(usage.raw, "cost_in_usd_ticks");
  if (ticks !== undefined && ticks >= 0 && Number.isInteger(ticks)) {
    return Math.floor((ticks + ticksPerMicro / 2) / ticksPerMicro);
  }
  const usd =
    readJsonNumber(usage.raw, "cost") ?? readJsonNumber(providerMetadata?.openrouter, "usage", "cost");
  if (usd !== undefined && usd >= 0) return roundToMicros(exactDecimal(usd));
  return undefined;
}
