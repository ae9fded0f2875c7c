import type { ModelAttempt, ModelCallResult, RouteDecision } from "../../models/index.js";

/** Header names the gateway adds to every answered request (documented in docs/reference/http-api.md). */
export const gatewayHeaderNames = {
  model: "x-gantry-model",
  attempts: "x-gantry-attempts",
  attemptsDetail: "x-gantry-attempts-detail",
  costMicros: "x-gantry-cost-micros",
  costSource: "x-gantry-cost-source",
  route: "x-gantry-route",
  cache: "x-gantry-cache",
} as const;

/** One attempt as it appears in `x-gantry-attempts-detail` (a compact JSON array). */
export interface AttemptSummary {
  number: number;
  model: string;
  outcome: ModelAttempt["outcome"];
  durationMs: number;
  code?: string;
  status?: number;
}

/** The attempts of a request, compactly, for headers and the end-of-stream summary. */
export function summariseAttempts(attempts: readonly ModelAttempt[]): AttemptSummary[] {
  return attempts.map((attempt) => ({
    number: attempt.number,
    model: attempt.modelId,
    outcome: attempt.outcome,
    durationMs: Math.round(attempt.durationMs),
    ...(attempt.error ? { code: attempt.error.code } : {}),
    ...(attempt.error?.statusCode !== undefined ? { status: attempt.error.statusCode } : {}),
  }));
}

/** `tier=small; reason=tier; candidates=sim:fast,sim:default` — what the router chose and why. */
export function describeRoute(route: RouteDecision): string {
  const fields = [
    ...(route.tier ? [`tier=${route.tier}`] : []),
    `reason=${route.reason}`,
    `candidates=${route.candidates.join(",")}`,
    ...(route.cascade ? [`cascade=${route.cascade}`, `escalated=${route.escalated === true}`] : []),
  ];
  return fields.join("; ");
}

/** The `x-gantry-*` headers of an answered request: chosen model, attempts, cost and route. */
export function gatewayHeaders(result: ModelCallResult): Record<string, string> {
  return {
    [gatewayHeaderNames.model]: result.modelId,
    [gatewayHeaderNames.attempts]: String(result.attempts.length),
    [gatewayHeaderNames.attemptsDetail]: JSON.stringify(summariseAttempts(result.attempts)),
    [gatewayHeaderNames.costMicros]: result.cost.micros === null ? "unknown" : String(result.cost.micros),
    [gatewayHeaderNames.costSource]: result.cost.source,
    [gatewayHeaderNames.route]: describeRoute(result.route),
    [gatewayHeaderNames.cache]: result.cached ? "hit" : "miss",
  };
}
