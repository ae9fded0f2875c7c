import type { PolicyJson } from "./cedar-engine.js";

// The annotation convention. Cedar itself only says permit or deny; Gantry reads four annotations on
// a policy to give the richer decisions of the PolicyDecisionPoint contract:
//   @approval("why")   the policy's effect holds only with an approval for this exact call: a matching
//                      permit, or a forbid that an approval lifts (`unless { context.approved }`),
//                      turns into require_approval("why") while the call is not approved.
//   @redact("args.cardNumber, args.cvv")   a matching permit allows the call with these argument
//                      paths redacted from what is recorded and shown.
//   @invariant("no-refunds")   the behavioural-spec invariant the policy enforces, carried in the decision.
//   @reason("why")     the human reason carried in a deny (or approval) decision.

export interface PolicyAnnotations {
  approval?: string;
  redact?: readonly string[];
  invariant?: string;
  reason?: string;
}

/** Gantry's annotations of a parsed policy, or a description of what is wrong with them. */
export function readAnnotations(
  policy: PolicyJson,
): { annotations: PolicyAnnotations } | { problem: string } {
  const raw = policy.annotations ?? {};
  const annotations: PolicyAnnotations = {};
  if (raw.approval !== undefined) {
    annotations.approval = raw.approval.trim() || "this call needs a person's approval";
  }
  if (raw.redact !== undefined) {
    if (policy.effect !== "permit") return { problem: "@redact applies to permit policies only" };
    const paths = raw.redact
      .split(",")
      .map((path) => path.trim())
      .filter((path) => path.length > 0);
    if (paths.length === 0)
      return { problem: '@redact needs argument paths, like @redact("args.cardNumber")' };
    const bad = paths.find((path) => !/^args(\.[A-Za-z0-9_$-]+)+$/.test(path));
    if (bad) return { problem: `@redact path "${bad}" must name an argument, like args.cardNumber` };
    annotations.redact = paths;
  }
  if (raw.invariant !== undefined) {
    if (!raw.invariant.trim())
      return { problem: '@invariant needs the invariant id, like @invariant("no-refunds")' };
    annotations.invariant = raw.invariant.trim();
  }
  if (raw.reason?.trim()) annotations.reason = raw.reason.trim();
  return { annotations };
}
