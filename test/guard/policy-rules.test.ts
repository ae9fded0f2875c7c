import { describe, expect, it } from "vitest";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { modelCall, pointFor, toolCall } from "./policy-fixtures.js";

// The rules format (policies/*.rules.yaml), compiled to Cedar and decided by the same engine.

const rules = (text: string) => pointFor(undefined, { "policies/support.rules.yaml": text });

describe("rules files", () => {
  it("allows listed tools per agent and denies everything else by default", () => {
    const point = rules(`
rules:
  - agent: "*"
    allow: [lookup_order, check_ticket]
  - agent: triage
    allow: [issue_refund]
`);
    expect(point.decide(toolCall("lookup_order", { agent: "looper", args: { orderId: "A" } }))).toEqual({
      effect: "allow",
      policies: ["policies/support.rules.yaml:4"],
    });
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd: 5 } })).effect).toBe(
      "allow",
    );
    expect(
      point.decide(toolCall("issue_refund", { agent: "looper", args: { orderId: "A", amountUsd: 5 } }))
        .effect,
    ).toBe("deny");
    expect(point.decide(toolCall("http_get", { args: { url: "u" } })).effect).toBe("deny");
  });

  it("injection drill: delete_database is denied for an agent not permitted, with the rule's line", () => {
    const point = rules(`
rules:
  - agent: triage
    allow: ["*"]
  - agent: "*"
    deny: [delete_database]
    reason: nobody deletes the database
    invariant: no-data-loss
`);
    // The model obeyed an injected instruction and asked for delete_database: the decision denies it.
    const decision = point.decide(toolCall("delete_database", { args: { name: "prod" } }));
    expect(decision).toEqual({
      effect: "deny",
      reason: "nobody deletes the database (policies/support.rules.yaml:6)",
      policies: ["policies/support.rules.yaml:6"],
      invariant: "no-data-loss",
    });
    // A tool the workspace never declared is denied the same way.
    expect(point.decide(toolCall("drop_tables", { annotations: { destructive: true } })).effect).toBe("deny");
  });

  it("never lets a glob cover destructive tools: they must be named", () => {
    const point = rules(`
rules:
  - agent: ops
    allow: ["*"]
  - agent: billing
    allow: ["*", issue_refund]
`);
    expect(point.decide(toolCall("lookup_order", { agent: "ops", args: { orderId: "A" } })).effect).toBe(
      "allow",
    );
    expect(
      point.decide(toolCall("destroy_environment", { agent: "ops", args: { environment: "p" } })).effect,
    ).toBe("deny");
    expect(
      point.decide(toolCall("issue_refund", { agent: "ops", args: { orderId: "A", amountUsd: 1 } })).effect,
    ).toBe("deny");
    expect(
      point.decide(toolCall("issue_refund", { agent: "billing", args: { orderId: "A", amountUsd: 1 } }))
        .effect,
    ).toBe("allow");
    expect(point.decide(toolCall("delete_database", { agent: "billing", args: { name: "x" } })).effect).toBe(
      "deny",
    );
  });

  it("supports globs in allow and deny lists", () => {
    const point = rules(`
rules:
  - agent: triage
    allow: ["*_ticket", "lookup_*"]
    deny: ["lookup_*"]
`);
    expect(point.decide(toolCall("check_ticket", { args: { ticketId: "T" } })).effect).toBe("allow");
    expect(point.decide(toolCall("lookup_order", { args: { orderId: "A" } })).effect).toBe("deny");
  });

  it("enforces argument constraints, denying or asking for approval past them", () => {
    const point = rules(`
rules:
  - agent: triage
    allow: [issue_refund]
    constraints:
      - issue_refund.amountUsd <= 100
      - check: issue_refund.amountUsd <= 50
        otherwise: requireApproval
        reason: refunds above 50 USD need a supervisor
        invariant: refund-limit
      - issue_refund.reason in ["damaged", "late"]
`);
    const refund = (amountUsd: number, reason = "damaged") =>
      point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd, reason } }));
    expect(refund(20).effect).toBe("allow");
    expect(refund(80)).toEqual({
      effect: "require_approval",
      reason: "refunds above 50 USD need a supervisor",
      policies: ["policies/support.rules.yaml:7", "policies/support.rules.yaml:4"],
      invariant: "refund-limit",
    });
    const over = refund(120);
    expect(over.effect).toBe("deny");
    expect(over.effect === "deny" && over.reason).toContain(
      "issue_refund is allowed only when issue_refund.amountUsd <= 100",
    );
    expect(refund(20, "other").effect).toBe("deny");
    // An optional argument that is absent fails its constraint.
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd: 20 } })).effect).toBe(
      "deny",
    );
  });

  it("requires approval for the tools listed, whatever else allows them", () => {
    const point = rules(`
rules:
  - agent: "*"
    allow: ["*"]
  - agent: ops
    requireApproval: [destroy_environment, http_get]
`);
    expect(point.decide(toolCall("http_get", { agent: "ops", args: { url: "u" } })).effect).toBe(
      "require_approval",
    );
    expect(
      point.decide(toolCall("http_get", { agent: "ops", args: { url: "u" }, approved: true })).effect,
    ).toBe("allow");
    expect(point.decide(toolCall("http_get", { agent: "triage", args: { url: "u" } })).effect).toBe("allow");
    const destroy = point.decide(
      toolCall("destroy_environment", { agent: "ops", args: { environment: "production" } }),
    );
    expect(destroy).toMatchObject({
      effect: "require_approval",
      reason: "destroy_environment needs a person's approval for ops",
    });
  });

  it("keeps model allowlists opt-in per agent, adding the shared list to each agent's own", () => {
    const point = rules(`
rules:
  - agent: "*"
    models: ["sim:*"]
  - agent: triage
    models: [openai:gpt-4o-mini]
`);
    expect(point.decide(modelCall("sim:default", "triage")).effect).toBe("allow");
    expect(point.decide(modelCall("openai:gpt-4o-mini", "triage")).effect).toBe("allow");
    expect(point.decide(modelCall("openai:gpt-4o", "triage")).effect).toBe("deny");
    expect(point.decide(modelCall("sim:fast", "ops")).effect).toBe("allow");
    const denied = point.decide(modelCall("openai:gpt-4o-mini", "ops"));
    expect(denied.effect).toBe("deny");
    expect(denied.effect === "deny" && denied.reason).toContain("not on the models allowlist (sim:*)");
    // Without model rules every model is allowed.
    expect(
      rules("rules:\n  - agent: triage\n    allow: [lookup_order]\n").decide(modelCall("any:model")).effect,
    ).toBe("allow");
  });

  it("checks egress hosts of HTTP tools against the allowlist", () => {
    const point = rules(`
rules:
  - agent: "*"
    allow: [http_get]
    egress: [api.example.com, "*.shop.test"]
`);
    const get = (egressHost?: string) =>
      point.decide(toolCall("http_get", { args: { url: "u" }, egressHost })).effect;
    expect(get("api.example.com")).toBe("allow");
    expect(get("cdn.shop.test")).toBe("allow");
    expect(get("evil.test")).toBe("deny");
    expect(get(undefined)).toBe("allow");
  });

  it("names the file and line of invalid YAML, unknown fields, unknown names and bad constraints", () => {
    const invalid = (text: string) => catchGantryError(() => rules(text));
    expect(invalid("rules:\n  - agent: triage\n    allow: [lookup_order\n").details).toMatchObject({
      file: "policies/support.rules.yaml",
      line: 4,
    });
    const unknownField = invalid("rules:\n  - agent: triage\n    alow: [lookup_order]\n");
    expect(unknownField.details).toMatchObject({ line: 2 });
    expect(unknownField.message).toContain("alow");
    const unknownTool = invalid(
      "rules:\n  - agent: triage\n    allow:\n      - lookup_order\n      - lookup_ordr\n",
    );
    expect(unknownTool.details).toMatchObject({ line: 5 });
    expect(unknownTool.message).toContain('unknown tool "lookup_ordr"');
    const unknownAgent = invalid("rules:\n  - agent: triag\n    allow: [lookup_order]\n");
    expect(unknownAgent.details).toMatchObject({ line: 2 });
    expect(unknownAgent.message).toContain('unknown agent "triag"');
    const badConstraint = invalid(
      "rules:\n  - agent: triage\n    constraints:\n      - issue_refund.amountUsd <= 1.00001\n      - issue_refund.nope == 1\n",
    );
    const problems = badConstraint.details.problems as Array<{ line: number; message: string }>;
    expect(problems.map((problem) => problem.line)).toEqual([4, 5]);
    expect(problems[0]?.message).toContain("at most 4 decimals");
    expect(problems[1]?.message).toContain("issue_refund has no argument nope");
    const wrongType = invalid('rules:\n  - agent: triage\n    constraints: ["issue_refund.orderId < 3"]\n');
    expect(wrongType.message).toContain("must be a string");
  });

  it("decides Cedar files and rules files together: a rules deny overrides a Cedar permit", () => {
    const point = pointFor(`permit (principal, action, resource);`, {
      "policies/guard.rules.yaml": "rules:\n  - agent: looper\n    deny: [issue_refund]\n",
    });
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd: 1 } })).effect).toBe(
      "allow",
    );
    expect(
      point.decide(toolCall("issue_refund", { agent: "looper", args: { orderId: "A", amountUsd: 1 } })),
    ).toEqual({
      effect: "deny",
      reason: "looper may not call issue_refund (policies/guard.rules.yaml:3)",
      policies: ["policies/guard.rules.yaml:3"],
    });
  });
});
