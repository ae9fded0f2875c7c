// Synthetic benchmarks for cost-aware routing: a suite on every tier, cascades, and a routing proposal.

export { type CascadeEstimate, estimateCascade } from "./cascade-estimate.js";
export { proposeRouting, type RoutingOption, type RoutingProposal } from "./propose-routing.js";
export { routingSnippet } from "./routing-snippet.js";
export { type RunTiersInput, runTiers, type TierBenchmark } from "./run-tiers.js";
export { defaultTaskProfile, type TaskProfile, taskClasses } from "./task-profile.js";
export { type TierMetrics, tierMetrics } from "./tier-metrics.js";
