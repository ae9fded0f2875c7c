import { GantryError } from "../../core/index.js";
import type { RouteDecision } from "../model-call-spec.js";
import { type GenerateOutcome, generateOverCandidates } from "./generate-over-candidates.js";
import type { RequestScope } from "./request-scope.js";

/** A route the client runs as a cascade: cheap candidates, a check, and stronger candidates to escalate to. */
export type CascadeRoute = RouteDecision & {
  escalateCandidates: string[];
  validate: NonNullable<RouteDecision["validate"]>;
};

/** True when the router decided a cascade the client can run. */
export function isCascade(route: RouteDecision): route is CascadeRoute {
  return route.validate !== undefined && (route.escalateCandidates?.length ?? 0) > 0;
}

/**
 * The cheap phase of a cascade: a plain call over the cheap candidates, then the check. Returns the
 * answer when it passes; undefined when the request must escalate, because the check rejected the
 * answer (noted as a warning on the attempt that produced it), the check threw, or every cheap
 * candidate failed. A caller's abort and a request the provider refused end the request instead.
 * Its attempts stay in the request's ledger, under the same cap as the escalation's.
 */
export async function runCheapPhase(
  scope: RequestScope,
  route: CascadeRoute,
): Promise<GenerateOutcome | undefined> {
  let cheap: GenerateOutcome;
  try {
    cheap = await generateOverCandidates(scope, route.candidates, { ...route, escalated: false });
  } catch (error) {
    if (scope.request.abortSignal?.aborted === true) throw error;
    if (GantryError.isInstance(error) && error.code === "MODEL_REQUEST_REJECTED") throw error;
    return undefined;
  }
  let accepted: boolean;
  let reason = "the cascade check rejected the answer; escalated";
  try {
    accepted = await route.validate(cheap.result);
  } catch (error) {
    accepted = false;
    reason = `the cascade check threw (${error instanceof Error ? error.message : String(error)}); escalated`;
  }
  if (accepted) return cheap;
  const producer = scope.ledger.attempts.findLast((attempt) => attempt.outcome === "success");
  if (producer !== undefined) producer.warnings = [...(producer.warnings ?? []), reason];
  return undefined;
}
