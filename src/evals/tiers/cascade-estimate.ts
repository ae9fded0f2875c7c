import type { TierMetrics } from "./tier-metrics.js";

/**
 * A cascade from a cheaper tier to a dearer one, estimated from both tiers' runs on the same cases.
 * It assumes the cascade's validator rejects exactly the answers the suite fails (an oracle): real
 * validators (`json-schema`, `non-empty`) catch fewer, so treat it as the best a cascade can do.
 */
export interface CascadeEstimate {
  from: string;
  to: string;
  /** Share of cases the cheap tier failed: how often the cascade escalates. */
  cheapFailureRate: number;
  /** Share of the cases the cheap tier failed that the dearer tier passed (the escalation that pays off). */
  escalationRate: number;
  /** Share of cases the cascade gets right: the cheap tier's, plus the rescued ones. */
  accuracy: number;
  /** Cheap call always, dear call on escalation; null when a cost is unknown. */
  costPerRequestMicros: number | null;
  /** The cheap tier's p95, plus the dearer tier's when more than 5% of requests escalate. */
  latencyP95Ms: number;
}

/** Estimates the cascade `cheap` → `dear` over the cases both decided. */
export function estimateCascade(cheap: TierMetrics, dear: TierMetrics): CascadeEstimate {
  const decided = new Set([...cheap.passedCases, ...cheap.failedCases]);
  const dearPassed = new Set(dear.passedCases);
  const cases = decided.size;
  const failed = cheap.failedCases.filter((caseId) => decided.has(caseId));
  const rescued = failed.filter((caseId) => dearPassed.has(caseId)).length;
  const cheapFailureRate = cases === 0 ? 0 : failed.length / cases;
  const cost =
    cheap.costPerTrialMicros === null || dear.costPerTrialMicros === null
      ? null
      : cheap.costPerTrialMicros + cheapFailureRate * dear.costPerTrialMicros;
  return {
    from: cheap.tier,
    to: dear.tier,
    cheapFailureRate,
    escalationRate: failed.length === 0 ? 0 : rescued / failed.length,
    accuracy: cases === 0 ? 0 : (cases - failed.length + rescued) / cases,
    costPerRequestMicros: cost,
    latencyP95Ms: cheap.latencyP95Ms + (cheapFailureRate > 0.05 ? dear.latencyP95Ms : 0),
  };
}
