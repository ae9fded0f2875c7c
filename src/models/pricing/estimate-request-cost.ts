import type { ModelRequest } from "../model-call-spec.js";
import type { Router } from "../routing/create-router.js";
import { estimateCallCost } from "./estimate-call-cost.js";
import type { PriceCatalog } from "./price-catalog.js";

export interface EstimateRequestCostOptions {
  router: Router;
  catalog: PriceCatalog;
  /** Output tokens reserved for a request that names no `maxOutputTokens`. */
  defaultMaxOutputTokens: number;
  countTokens: (text: string) => number;
}

/**
 * The most a request through the client can cost, in micro-USD: the router decides its candidates
 * (a tier: every candidate, priced at the dearest, since failover may land on any). A cascade may
 * make two calls — the cheap tier, then the escalation — so it reserves both. Null when any
 * candidate is unpriced. Routing runs here as it will for the call (a classifier runs twice).
 */
export async function estimateRequestCost(
  request: ModelRequest,
  options: EstimateRequestCostOptions,
): Promise<number | null> {
  const route = await options.router.route(request);
  const common = {
    catalog: options.catalog,
    prompt: request.prompt,
    ...(request.tools === undefined ? {} : { tools: request.tools }),
    ...(request.responseFormat === undefined ? {} : { responseFormat: request.responseFormat }),
    maxOutputTokens: request.maxOutputTokens ?? options.defaultMaxOutputTokens,
    countTokens: options.countTokens,
  };
  const first = estimateCallCost({ ...common, candidates: route.candidates });
  if (first === null || route.escalateCandidates === undefined) return first;
  const escalation = estimateCallCost({ ...common, candidates: route.escalateCandidates });
  return escalation === null ? null : first + escalation;
}
