import { z } from "zod";

// The behavioural spec of an agent (`agents/<name>.spec.yaml`): what it is for, what must always hold
// and which mechanism outside the model enforces each of those rules, what success looks like (each
// criterion backed by an eval case), and what it does when things go wrong.

export const enforcementKinds = ["policy", "allowlist", "schema", "runtime-check", "eval"] as const;
export type EnforcementKind = (typeof enforcementKinds)[number];

/** Runtime mechanisms an invariant can name with `enforcement: runtime-check`. */
export const runtimeChecks = [
  "budget",
  "breaker",
  "limits",
  "idempotency-key",
  "tool-credential",
  "workspace-scope",
  "diff-limit",
  "test-firewall",
  "approval",
] as const;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and '-'");

export const invariantSchema = z.strictObject({
  id,
  /** The rule, in one sentence people can check. */
  rule: z.string().min(1),
  enforcement: z.enum(enforcementKinds),
  /**
   * What enforces it. policy: the invariant id a Cedar policy names with `@invariant("…")` (default:
   * this invariant's id). allowlist: `tool:<name>` or `model:<id>` in the policy rules. schema:
   * `tool:<name>` (its input and output schema) or `agent:<name>` (its output schema). runtime-check:
   * one of the runtime mechanisms. eval: `<suite>#<case>`.
   */
  ref: z.string().min(1).optional(),
});

export const successCriterionSchema = z.strictObject({
  id,
  given: z.string().min(1),
  expect: z.string().min(1),
  /** Tools whose side effects the criterion expects (or `[]` for none). */
  sideEffects: z.array(z.string()).default([]),
  /** The eval case that checks it: `<suite>#<case>`. */
  eval: z
    .string()
    .regex(/^[\w.-]+#[\w.-]+$/, "expected <suite>#<case>")
    .optional(),
});

export const failureModeSchema = z.strictObject({
  id,
  trigger: z.string().min(1),
  defaultAction: z.enum(["refuse", "escalate", "safe-fallback"]),
  detection: z.string().optional(),
});

export const agentSpecSchema = z.strictObject({
  agent: z.string().min(1),
  version: z.string().optional(),
  scope: z.strictObject({
    purpose: z.string().optional(),
    in: z.array(z.string()).default([]),
    out: z.array(z.string()).default([]),
    deferred: z.array(z.string()).default([]),
  }),
  invariants: z.array(invariantSchema).default([]),
  success_criteria: z.array(successCriterionSchema).default([]),
  failure_modes: z.array(failureModeSchema).default([]),
});

export type AgentSpec = z.output<typeof agentSpecSchema>;
export type SpecInvariant = z.output<typeof invariantSchema>;
