import { actionOf } from "./action-model.js";
import { cedar } from "./cedar-engine.js";
import { cedarRequest, principalParents } from "./cedar-request.js";
import type { LoadedPolicies, LoadedPolicy } from "./compile-policies.js";
import { type PolicySlice, PolicySlicer, prepareSlice } from "./policy-slices.js";
import type { Decision, DecisionRequest, PolicyDecisionPoint } from "./policy-spec.js";

// The Cedar policy decision point. Cedar answers allow or deny (default deny, forbid overrides permit);
// Gantry adds, from the annotation convention (policy-annotations.ts):
//  - any evaluation error denies, naming the policy and the error (a forbid that fails must not let a
//    call through, and a permit that fails is a policy that does not fit the call);
//  - allowed only by @approval permits, and not approved: require_approval;
//  - denied only by @approval forbids, not approved, and allowed once approved: require_approval;
//  - allowed by permits carrying @redact: redact those argument paths.

/** A policy decision point over a loaded policy set. */
export interface CedarPolicyPoint extends PolicyDecisionPoint {
  readonly policies: LoadedPolicies;
}

interface Evaluation {
  decision: "allow" | "deny";
  /** The policies that determined the decision (satisfied permits for allow, forbids for deny). */
  policies: LoadedPolicy[];
  errors: Array<{ policyId: string; message: string }>;
}

/** The error id of a request Cedar refused as a whole (no policy evaluated). */
const requestError = "(request)";

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function invariantOf(policies: readonly LoadedPolicy[]): { invariant?: string } {
  const invariant = policies.find((policy) => policy.annotations.invariant)?.annotations.invariant;
  return invariant ? { invariant } : {};
}

function described(
  policies: readonly LoadedPolicy[],
  pick: (policy: LoadedPolicy) => string | undefined,
): string {
  return unique(policies.map((policy) => `${pick(policy) ?? "forbidden by policy"} (${policy.id})`)).join(
    "; ",
  );
}

/** Creates the decision point; policies come from `loadPolicies` or `compilePolicySources`. */
export function createCedarPolicyPoint(options: {
  policies: LoadedPolicies;
  /**
   * Evaluate only the policies that can match each request, sending only what they read (default).
   * `false` evaluates the whole pre-parsed set with every entity and the whole context: the same
   * decisions, slower; for the equivalence tests and the benchmark.
   */
  slicing?: boolean;
}): CedarPolicyPoint {
  const { policies } = options;
  const byId = new Map(policies.policies.map((policy) => [policy.id, policy]));
  // Decisions list policies in file order, whatever order Cedar reports them in.
  const order = new Map(policies.policies.map((policy, index) => [policy.id, index]));
  const rank = (id: string) => order.get(id) ?? -1;
  const slicing = options.slicing ?? true;
  const slicer = new PolicySlicer(policies.policies, policies.digest, slicing);
  const argTypes = policies.schema.argTypes;
  const noPolicies = policies.files.length === 0;

  function evaluate(slice: PolicySlice, request: DecisionRequest): Evaluation {
    const parts = cedarRequest(request, argTypes, slice);
    let answer = cedar().statefulIsAuthorized({ ...parts, preparsedPolicySetId: slice.setId });
    if (
      answer.type === "failure" &&
      answer.errors.some((error) => /preparsed policy set .* not found/.test(error.message))
    ) {
      prepareSlice(slice, true);
      answer = cedar().statefulIsAuthorized({ ...parts, preparsedPolicySetId: slice.setId });
    }
    if (answer.type === "failure") {
      return {
        decision: "deny",
        policies: [],
        errors: [{ policyId: requestError, message: answer.errors.map((error) => error.message).join("; ") }],
      };
    }
    const { decision, diagnostics } = answer.response;
    return {
      decision,
      policies: diagnostics.reason
        .map((id) => byId.get(id))
        .filter((policy) => policy !== undefined)
        .sort((a, b) => rank(a.id) - rank(b.id)),
      errors: diagnostics.errors
        .map((error) => ({ policyId: error.policyId, message: error.error.message }))
        .sort((a, b) => rank(a.policyId) - rank(b.policyId)),
    };
  }

  function defaultDeny(request: DecisionRequest): Decision {
    const { action, principal } = request;
    const what = action.kind === "model" ? `use model ${action.model}` : `call ${action.tool}`;
    const none = noPolicies
      ? "; the workspace has no policies, so every tool call is denied (add policies/*.cedar)"
      : "";
    return {
      effect: "deny",
      reason: `no policy permits ${principal.agent} to ${what} (default deny)${none}`,
      policies: [],
    };
  }

  function errorDeny(evaluation: Evaluation): Decision {
    const reason = evaluation.errors
      .map((error) =>
        error.policyId === requestError
          ? `Cedar could not evaluate the request: ${error.message}`
          : `policy ${error.policyId} could not be evaluated: ${error.message}`,
      )
      .join("; ");
    return {
      effect: "deny",
      reason: `${reason} (an evaluation error denies)`,
      policies: unique(evaluation.errors.map((error) => error.policyId).filter((id) => byId.has(id))),
    };
  }

  function decideAllowed(_request: DecisionRequest, evaluation: Evaluation, approved: boolean): Decision {
    const permits = evaluation.policies;
    const ids = permits.map((policy) => policy.id);
    if (!approved && permits.length > 0 && permits.every((policy) => policy.annotations.approval)) {
      const reason = unique(permits.map((policy) => policy.annotations.approval as string)).join("; ");
      return { effect: "require_approval", reason, policies: ids, ...invariantOf(permits) };
    }
    const paths = unique(permits.flatMap((policy) => policy.annotations.redact ?? []));
    if (paths.length > 0) {
      const reason = `allowed with ${paths.join(", ")} redacted (${permits
        .filter((policy) => policy.annotations.redact)
        .map((policy) => policy.id)
        .join(", ")})`;
      return { effect: "redact", reason, paths, policies: ids, ...invariantOf(permits) };
    }
    return { effect: "allow", policies: ids, ...invariantOf(permits) };
  }

  function decide(request: DecisionRequest): Decision {
    const call = actionOf(request.action);
    const slice = slicer.sliceFor({
      agent: request.principal.agent,
      ancestors: principalParents(request.principal),
      actionId: call.id,
      groups: call.groups,
      resource: call.resource,
    });
    if (slice.policies.length === 0) return defaultDeny(request);
    const approved = request.context?.approved === true;
    const first = evaluate(slice, request);
    if (first.errors.length > 0) return errorDeny(first);
    if (first.decision === "allow") return decideAllowed(request, first, approved);
    const forbids = first.policies;
    if (forbids.length === 0) return defaultDeny(request);
    const deny: Decision = {
      effect: "deny",
      reason: described(forbids, (policy) => policy.annotations.reason),
      policies: forbids.map((policy) => policy.id),
      ...invariantOf(forbids),
    };
    if (approved || !forbids.every((policy) => policy.annotations.approval)) return deny;
    // Only forbids an approval may lift: ask for one only if the call would then be allowed.
    const withApproval = evaluate(slice, { ...request, context: { ...request.context, approved: true } });
    if (withApproval.errors.length > 0 || withApproval.decision !== "allow") {
      const what =
        request.action.kind === "model" ? `use model ${request.action.model}` : `call ${request.action.tool}`;
      const reason = `${described(forbids, (policy) => policy.annotations.reason ?? policy.annotations.approval)}; even with an approval no policy permits ${request.principal.agent} to ${what}`;
      return { ...deny, reason };
    }
    return {
      effect: "require_approval",
      reason: unique(forbids.map((policy) => policy.annotations.approval as string)).join("; "),
      policies: unique([...forbids, ...withApproval.policies].map((policy) => policy.id)),
      ...invariantOf(forbids),
    };
  }

  return {
    policies,
    digest: policies.digest,
    decide(request) {
      try {
        return decide(request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          effect: "deny",
          reason: `policy evaluation failed: ${message} (an evaluation error denies)`,
          policies: [],
        };
      }
    },
  };
}
