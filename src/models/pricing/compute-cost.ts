import type { PriceEntry } from "../../core/index.js";
import type { CallCost, NormalisedUsage } from "../model-call-spec.js";
import { bucketPrices, type UsageBucket } from "./bucket-prices.js";
import { type ExactDecimal, roundToMicros, sumProducts } from "./exact-decimal.js";

export interface ComputeCostOptions {
  /** What the provider billed, in micro-USD; when given it is the cost (`source: reported`). */
  reportedCostMicros?: number;
  /** Recorded on the cost: the bundled snapshot version or `override`. */
  priceVersion?: string;
  /** The Gantry provider; `anthropic` here or as the entry's `litellm_provider` applies Anthropic's cache multipliers. */
  provider?: string;
}

const buckets: readonly UsageBucket[] = [
  "input",
  "cacheRead",
  "cacheWrite",
  "cacheWrite1h",
  "output",
  "reasoning",
];

/**
 * The cost of one call in integer micro-USD. A provider-reported cost wins. Otherwise each bucket's
 * tokens are multiplied by its exact decimal price and the exact total is rounded once, half up, to a
 * micro-USD; the breakdown's parts are each rounded the same way, so they may differ from the total
 * by rounding. A model with no price, or a bucket with tokens and no price, is `unknown` — never 0.
 */
export function computeCost(
  usage: NormalisedUsage,
  price: PriceEntry | undefined,
  options: ComputeCostOptions = {},
): CallCost {
  const version = options.priceVersion === undefined ? {} : { priceVersion: options.priceVersion };
  const reported = options.reportedCostMicros;
  if (reported !== undefined && Number.isInteger(reported) && reported >= 0) {
    return { micros: reported, source: "reported", ...version };
  }
  if (price === undefined) return { micros: null, source: "unknown" };

  const prices = bucketPrices(price, usage, options.provider);
  const terms: Array<{ bucket: UsageBucket; tokens: number; price: ExactDecimal }> = [];
  for (const bucket of buckets) {
    const tokens = usage[bucket];
    if (tokens === 0) continue;
    const bucketPrice = prices[bucket];
    if (bucketPrice === undefined) return { micros: null, source: "unknown", ...version };
    terms.push({ bucket, tokens, price: bucketPrice });
  }

  const breakdown: Partial<Record<UsageBucket, number>> = {};
  for (const term of terms) breakdown[term.bucket] = roundToMicros(sumProducts([term]));
  return { micros: roundToMicros(sumProducts(terms)), source: "computed", breakdown, ...version };
}
