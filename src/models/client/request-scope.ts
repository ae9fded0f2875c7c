import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { CallCost, ModelRequest, NormalisedUsage, RouteDecision } from "../model-call-spec.js";
import type { AttemptLedger } from "./attempt-ledger.js";
import type { FailoverContext } from "./execute-with-failover.js";
import type { CostOf } from "./model-client-options.js";
import { normaliseUsageMinimally } from "./normalise-usage-minimally.js";

/** Usage and cost of one call, and any trouble pricing it. */
export interface PricedUsage {
  usage: NormalisedUsage;
  cost: CallCost;
  warnings: string[];
}

/** Everything one request's calls share: the request, its route, its attempts and the client's policy. */
export interface RequestScope {
  request: ModelRequest;
  route: RouteDecision;
  ledger: AttemptLedger;
  failover: FailoverContext;
  price: (modelId: string, usage: LanguageModelV3Usage | undefined, providerMetadata: unknown) => PricedUsage;
}

/**
 * Wraps the injected pricing so that it can never fail a call that already succeeded (and was
 * billed): a pricing error falls back to minimal normalisation with cost `unknown` and a warning.
 */
export function safePricing(costOf: CostOf | undefined): RequestScope["price"] {
  return (modelId, usage, providerMetadata) => {
    if (costOf === undefined || usage === undefined)
      return { ...normaliseUsageMinimally(usage), warnings: [] };
    try {
      return { ...costOf(modelId, usage, providerMetadata), warnings: [] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...normaliseUsageMinimally(usage), warnings: [`pricing failed, cost unknown: ${message}`] };
    }
  };
}
