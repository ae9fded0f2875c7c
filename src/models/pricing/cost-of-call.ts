import type { LanguageModelV3Usage, SharedV3ProviderMetadata } from "@ai-sdk/provider";
import type { CallCost, NormalisedUsage } from "../model-call-spec.js";
import { computeCost } from "./compute-cost.js";
import { normaliseUsage } from "./normalise-usage.js";
import type { PriceCatalog } from "./price-catalog.js";
import { reportedCostMicros } from "./reported-cost.js";

/** A call's usage in Gantry's buckets and what it cost. */
export interface CallAccounting {
  usage: NormalisedUsage;
  cost: CallCost;
}

/**
 * Normalises a finished call's usage (from `doGenerate`'s result or a stream's `finish` part) and
 * prices it: the provider's reported cost when it gives one, else the catalog's price for `modelId`,
 * else `unknown`. Streamed and unstreamed calls go through the same code with the same numbers.
 */
export function costOfCall(
  catalog: PriceCatalog,
  modelId: string,
  provider: string,
  usage: LanguageModelV3Usage,
  providerMetadata?: SharedV3ProviderMetadata,
): CallAccounting {
  const normalised = normaliseUsage(provider, usage, providerMetadata);
  const price = catalog.lookup(modelId);
  const reported = reportedCostMicros(usage, providerMetadata);
  const cost = computeCost(normalised, price?.entry, {
    provider,
    ...(reported === undefined ? {} : { reportedCostMicros: reported }),
    ...(price === undefined ? {} : { priceVersion: price.version }),
  });
  return { usage: normalised, cost };
}
