import { type AgentSpec, runtimeChecks } from "./spec-schema.js";

// Whether every invariant's enforcement resolves to something real, and every success criterion has
// an eval case. The caller supplies what exists (policies, tools, agents, eval cases), so this stays
// a pure check.

export interface SpecWorld {
  /** Invariant ids named by a policy's `@invariant("…")` annotation. */
  policyInvariants: ReadonlySet<string>;
  /** Tools and models named by the policy rules' allow lists. */
  allowlisted: ReadonlySet<string>;
  /** Tools with an input schema (all defineTool tools), as `tool:<name>`; agents with an output schema as `agent:<name>`. */
  schemas: ReadonlySet<string>;
  /** Eval cases as `<suite>#<case>`. */
  evalCases: ReadonlySet<string>;
}

export interface SpecProblem {
  /** `invariants.no-refunds`, `success_criteria.refund-delivered`. */
  where: string;
  message: string;
}

function checkInvariant(invariant: AgentSpec["invariants"][number], world: SpecWorld): string | undefined {
  const ref = invariant.ref ?? invariant.id;
  switch (invariant.enforcement) {
    case "policy":
      return world.policyInvariants.has(ref)
        ? undefined
        : `no policy names @invariant("${ref}") in policies/*.cedar or the policy rules`;
    case "allowlist":
      return world.allowlisted.has(ref) ? undefined : `"${ref}" is on no allow list of the policy rules`;
    case "schema":
      return world.schemas.has(ref)
        ? undefined
        : `"${ref}" is not a tool or an agent with a schema (use tool:<name> or agent:<name>)`;
    case "runtime-check":
      return (runtimeChecks as readonly string[]).includes(ref)
        ? undefined
        : `"${ref}" is not a runtime check; one of ${runtimeChecks.join(", ")}`;
    case "eval":
      return world.evalCases.has(ref)
        ? undefined
        : `no eval case "${ref}" (expected <suite>#<case> in evals/*.yaml)`;
  }
}

/** Every problem of a spec against the workspace; an empty list means it checks. */
export function checkAgentSpec(spec: AgentSpec, world: SpecWorld): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const invariant of spec.invariants) {
    const message = checkInvariant(invariant, world);
    if (message)
      problems.push({ where: `invariants.${invariant.id}`, message: `${invariant.enforcement}: ${message}` });
  }
  for (const criterion of spec.success_criteria) {
    if (!criterion.eval) {
      problems.push({
        where: `success_criteria.${criterion.id}`,
        message: "has no eval case (add eval: <suite>#<case>)",
      });
    } else if (!world.evalCases.has(criterion.eval)) {
      problems.push({
        where: `success_criteria.${criterion.id}`,
        message: `eval case "${criterion.eval}" does not exist in evals/*.yaml`,
      });
    }
  }
  return problems;
}
