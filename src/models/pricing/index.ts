// Prices, usage normalisation and cost. Other files in src/models import these modules directly;
// other layers reach them through src/models/index.ts.
export { isLongContext, longContextThreshold, type UsageBucket } from "./bucket-prices.js";
export { type ComputeCostOptions, computeCost } from "./compute-cost.js";
export { type CallAccounting, costOfCall } from "./cost-of-call.js";
export {
  type EstimateCallCostOptions,
  type EstimatePromptInput,
  estimateCallCost,
} from "./estimate-call-cost.js";
export { type EstimateRequestCostOptions, estimateRequestCost } from "./estimate-request-cost.js";
export { normaliseUsage } from "./normalise-usage.js";
export type { PriceFile, PriceProblem, PriceSnapshot } from "./parse-price-file.js";
export {
  type LoadPriceCatalogOptions,
  loadPriceCatalog,
  overridePriceVersion,
  type PriceCatalog,
  type PriceListing,
  type PriceOrigin,
  type ResolvedPrice,
} from "./price-catalog.js";
export { reportedCostMicros } from "./reported-cost.js";
