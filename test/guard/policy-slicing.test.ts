import { describe, expect, it } from "vitest";
import { GantryError, type JsonValue } from "../../src/core/index.js";
import { compilePolicySources, createCedarPolicyPoint, type DecisionRequest } from "../../src/guard/index.js";
import { toolCall, workspace } from "./policy-fixtures.js";

// Slicing and pruning are an optimisation, so they must never change a decision. Random policy sets
// and requests (seeded, so a failure reproduces) are decided by the default point (slices, pruned
// requests, the decision schema) and by one evaluating the whole set with everything; they must agree.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agents = ["triage", "looper", "ops", "billing"];
const tools = workspace.tools.map((tool) => tool.name);

const common = [
  'context.environment == "production"',
  "context.approved",
  'context.delegation.contains("looper")',
  "context.annotations.destructive",
  'context has egressHost && context.egressHost like "*.example.com"',
  'principal in Project::"shop"',
  'principal has version && principal.version == "2.0"',
  'context.source == "mcp"',
];
const refundOnly = [
  'context.args.amountUsd.lessThan(decimal("50.0"))',
  "context.args has quantity && context.args.quantity > 2",
  'context.args has reason && context.args.reason == "late"',
  // Overflows for quantity >= 2: an evaluation error.
  "context.args has quantity && context.args.quantity * 4611686018427387904 > 0",
];

function generatePolicies(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const policies: string[] = [];
  const count = 3 + Math.floor(next() * 10);
  for (let index = 0; index < count; index++) {
    const effect = next() < 0.65 ? "permit" : "forbid";
    const principal = pick([
      "principal",
      `principal == Agent::"${pick(agents)}"`,
      'principal in Project::"shop"',
      'principal in Session::"s-1"',
    ]);
    const refund = next() < 0.35;
    const action = refund
      ? 'action == Action::"tool:issue_refund"'
      : pick([
          "action",
          `action == Action::"tool:${pick(tools)}"`,
          `action in Action::"${pick(["tools", "readOnly", "destructive", "idempotent", "mcp", "model"])}"`,
          `action in [Action::"tool:${pick(tools)}", Action::"tool:${pick(tools)}"]`,
        ]);
    const resource =
      next() < 0.2 && action !== "action" ? `resource == Tool::"${pick([...tools, "wipe"])}"` : "resource";
    const conditions = next() < 0.3 ? [] : [pick(refund ? [...common, ...refundOnly] : common)];
    if (next() < 0.3) conditions.push(pick(common));
    const annotations = [
      next() < 0.25 ? `@approval("approval ${index}")` : "",
      effect === "permit" && refund && next() < 0.3 ? '@redact("args.cardNumber")' : "",
      next() < 0.4 ? `@reason("reason ${index}")` : "",
      next() < 0.3 ? `@invariant("inv-${index}")` : "",
    ].filter(Boolean);
    const when = conditions.length > 0 ? ` when { ${conditions.join(" && ")} }` : "";
    policies.push(`${annotations.join("\n")}\n${effect} (${principal}, ${action}, ${resource})${when};`);
  }
  return policies.join("\n\n");
}

function generateRequest(next: () => number): DecisionRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const agent = pick(agents);
  if (next() < 0.1) {
    return {
      principal: { project: pick(["default", "shop"]), agent, runId: "r", delegation: [] },
      action: { kind: "model", model: pick(["sim:default", "openai:gpt-4o-mini", "other:model"]) },
      args: {},
      environment: pick(["production", "development"]),
    };
  }
  const tool = pick([...tools, "issue_refund", "issue_refund", "wipe"]);
  const args: JsonValue =
    tool === "issue_refund"
      ? {
          orderId: "A-1",
          amountUsd: pick([5, 60.5, 1.00001]),
          ...(next() < 0.5 ? { quantity: pick([0, 1, 3, 4]) } : {}),
          ...(next() < 0.5 ? { reason: pick(["late", "damaged"]) } : {}),
          ...(next() < 0.3 ? { cardNumber: "4111" } : {}),
        }
      : { orderId: "A-1", ticketId: "T", url: "u", name: "n", environment: "e" };
  const request = toolCall(tool, {
    agent,
    args,
    environment: pick(["production", "development"]),
    ...(next() < 0.3 ? { approved: true } : {}),
    delegation: next() < 0.3 ? ["looper"] : [],
    project: pick(["default", "shop"]),
    ...(next() < 0.3 ? { session: "s-1" } : {}),
    ...(next() < 0.3 ? { egressHost: pick(["api.example.com", "evil.test"]) } : {}),
    // Sometimes annotations other than the declared ones: the action entity is sent instead of the schema's.
    ...(next() < 0.25 ? { annotations: { destructive: next() < 0.5, readOnly: next() < 0.5 } } : {}),
  });
  if (next() < 0.3) request.principal = { ...request.principal, agentVersion: "2.0" };
  return request;
}

describe("policy slicing", () => {
  it("decides exactly as evaluating the whole set with the whole request", () => {
    const next = random(20251124);
    let compared = 0;
    const effects = new Set<string>();
    for (let set = 0; set < 40; set++) {
      const text = generatePolicies(next);
      let policies: ReturnType<typeof compilePolicySources>;
      try {
        policies = compilePolicySources({ sources: [{ file: "policies/random.cedar", text }], workspace });
      } catch (error) {
        // A generated combination the validator rejects (e.g. a tool resource with model actions).
        if (GantryError.isInstance(error) && error.code === "POLICY_INVALID") continue;
        throw error;
      }
      const sliced = createCedarPolicyPoint({ policies });
      const whole = createCedarPolicyPoint({ policies, slicing: false });
      for (let index = 0; index < 60; index++) {
        const request = generateRequest(next);
        const expected = whole.decide(request);
        expect(sliced.decide(request), `${text}\n---\n${JSON.stringify(request)}`).toEqual(expected);
        effects.add(expected.effect);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // The comparison covered every kind of decision.
    expect([...effects].sort()).toEqual(["allow", "deny", "redact", "require_approval"]);
  });
});
