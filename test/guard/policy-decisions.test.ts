import { describe, expect, it } from "vitest";
import { modelCall, pointFor, toolCall } from "./policy-fixtures.js";

// Each effect of the Cedar policy decision point, on policies written the way a workspace would.

describe("Cedar policy decision point", () => {
  it("allows a call a permit matches, naming the policy by file and line", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:lookup_order", resource);
`);
    expect(point.decide(toolCall("lookup_order", { args: { orderId: "A-1" } }))).toEqual({
      effect: "allow",
      policies: ["policies/test.cedar:2"],
    });
  });

  it("denies by default: no permit matches", () => {
    const point = pointFor(`permit (principal, action == Action::"tool:lookup_order", resource);`);
    const decision = point.decide(toolCall("check_ticket", { args: { ticketId: "T-1" } }));
    expect(decision).toMatchObject({ effect: "deny", policies: [] });
    expect(decision.effect === "deny" && decision.reason).toContain(
      "no policy permits triage to call check_ticket",
    );
  });

  it("denies every tool call when the workspace has no policies, and says so", () => {
    const point = pointFor(undefined);
    expect(point.policies.warnings[0]).toContain("every tool call is denied");
    const decision = point.decide(toolCall("lookup_order", { args: { orderId: "A-1" } }));
    expect(decision.effect).toBe("deny");
    expect(decision.effect === "deny" && decision.reason).toContain("the workspace has no policies");
  });

  it("lets a forbid override a permit, with the forbid's reason and invariant", () => {
    const point = pointFor(`
permit (principal, action, resource);

@reason("refunds are handled by billing")
@invariant("no-refunds")
forbid (principal == Agent::"triage", action == Action::"tool:issue_refund", resource);
`);
    const decision = point.decide(toolCall("issue_refund", { args: { orderId: "A-1", amountUsd: 5 } }));
    expect(decision).toEqual({
      effect: "deny",
      reason: "refunds are handled by billing (policies/test.cedar:4)",
      policies: ["policies/test.cedar:4"],
      invariant: "no-refunds",
    });
    expect(
      point.decide(toolCall("issue_refund", { agent: "billing", args: { orderId: "A-1", amountUsd: 5 } }))
        .effect,
    ).toBe("allow");
  });

  it("denies when a policy fails to evaluate, even if another permit matches", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:issue_refund", resource);
permit (principal, action == Action::"tool:issue_refund", resource)
when { context.args.amountUsd.greaterThan(decimal("1.0")) };
`);
    // 1.00001 has five decimals: no Cedar decimal holds it, so amountUsd is left out of the context,
    // reading it is an evaluation error, and an error denies although the first permit matches.
    const decision = point.decide(toolCall("issue_refund", { args: { orderId: "A-1", amountUsd: 1.00001 } }));
    expect(decision.effect).toBe("deny");
    expect(decision.policies).toEqual(["policies/test.cedar:3"]);
    expect(decision.effect === "deny" && decision.reason).toMatch(
      /policy policies\/test.cedar:3 could not be evaluated: .*amountUsd.*\(an evaluation error denies\)/,
    );
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A-1", amountUsd: 1.5 } })).effect).toBe(
      "allow",
    );
  });

  it("denies when a forbid fails to evaluate (an erroring forbid never lets a call through)", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:issue_refund", resource);
forbid (principal, action == Action::"tool:issue_refund", resource)
when { context.args has quantity && context.args.quantity * 4611686018427387904 > 0 };
`);
    const refund = (quantity: number) =>
      point.decide(toolCall("issue_refund", { args: { orderId: "A-1", amountUsd: 5, quantity } }));
    // 4 * 2^62 overflows a Cedar Long: the forbid errors instead of matching, and the call is still denied.
    const overflow = refund(4);
    expect(overflow.effect).toBe("deny");
    expect(overflow.effect === "deny" && overflow.reason).toContain("overflow");
    expect(refund(0).effect).toBe("allow");
  });

  it("reads arguments in the context: integers as Long, numbers as decimal", () => {
    const point = pointFor(`
permit (principal == Agent::"triage", action == Action::"tool:issue_refund", resource)
when { context.args.amountUsd.lessThanOrEqual(decimal("100.0")) && context.args has quantity && context.args.quantity <= 3 };
`);
    const refund = (args: Record<string, number | string>) =>
      point.decide(toolCall("issue_refund", { args: { orderId: "A-1", ...args } })).effect;
    expect(refund({ amountUsd: 42.5 })).toBe("deny"); // `has quantity` is false without it
    expect(refund({ amountUsd: 42.5, quantity: 3 })).toBe("allow");
    expect(refund({ amountUsd: 100, quantity: 1 })).toBe("allow");
    expect(refund({ amountUsd: 100.01, quantity: 1 })).toBe("deny");
    expect(refund({ amountUsd: 5, quantity: 4 })).toBe("deny");
    // 5 decimals cannot be a Cedar decimal: the argument is left out and reading it denies.
    expect(refund({ amountUsd: 1.00001, quantity: 1 })).toBe("deny");
  });

  it("reads strings and enums as Cedar strings", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:issue_refund", resource)
when { context.args has reason && context.args.reason == "damaged" && context.args.orderId like "A-*" };
`);
    const refund = (reason: string, orderId = "A-1") =>
      point.decide(toolCall("issue_refund", { args: { orderId, amountUsd: 5, reason } })).effect;
    expect(refund("damaged")).toBe("allow");
    expect(refund("late")).toBe("deny");
    expect(refund("damaged", "B-1")).toBe("deny");
  });

  it("puts tools in groups by their annotations: forbid destructive, permit readOnly", () => {
    const point = pointFor(`
permit (principal, action in Action::"tools", resource);
forbid (principal, action in Action::"destructive", resource) unless { context.environment == "development" };
`);
    expect(point.decide(toolCall("lookup_order", { args: { orderId: "A" } })).effect).toBe("allow");
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd: 1 } })).effect).toBe(
      "deny",
    );
    expect(
      point.decide(
        toolCall("issue_refund", { args: { orderId: "A", amountUsd: 1 }, environment: "development" }),
      ).effect,
    ).toBe("allow");
    // Groups follow the annotations the enforcement point passes, also for tools the workspace did not declare.
    expect(point.decide(toolCall("wipe_disk", { annotations: { destructive: true } })).effect).toBe("deny");
    expect(point.decide(toolCall("wipe_disk", { annotations: {} })).effect).toBe("allow");
  });

  it("groups MCP tools and handoffs", () => {
    const point = pointFor(`
permit (principal, action in Action::"mcp", resource);
permit (principal, action in Action::"handoffs", resource) when { context.source == "handoff" };
`);
    expect(point.decide(toolCall("docs_search")).effect).toBe("allow");
    expect(point.decide(toolCall("billing", { source: "handoff" })).effect).toBe("allow");
    expect(point.decide(toolCall("lookup_order", { args: { orderId: "A" } })).effect).toBe("deny");
  });

  it("matches the principal by agent, by project, by session and by user", () => {
    const point = pointFor(`
permit (principal in Project::"shop", action == Action::"tool:lookup_order", resource);
permit (principal in User::"alice", action == Action::"tool:check_ticket", resource);
permit (principal in Session::"s-1", action == Action::"tool:http_get", resource);
`);
    const lookup = { args: { orderId: "A" } };
    expect(point.decide(toolCall("lookup_order", { ...lookup, project: "shop" })).effect).toBe("allow");
    expect(point.decide(toolCall("lookup_order", { ...lookup, project: "other" })).effect).toBe("deny");
    expect(point.decide(toolCall("check_ticket", { args: { ticketId: "T" }, user: "alice" })).effect).toBe(
      "allow",
    );
    expect(point.decide(toolCall("check_ticket", { args: { ticketId: "T" } })).effect).toBe("deny");
    expect(point.decide(toolCall("http_get", { args: { url: "x" }, session: "s-1" })).effect).toBe("allow");
    expect(point.decide(toolCall("http_get", { args: { url: "x" }, session: "s-2" })).effect).toBe("deny");
  });

  it("sees the delegation chain", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:lookup_order", resource);
forbid (principal, action, resource) when { context.delegation.contains("looper") };
`);
    expect(
      point.decide(toolCall("lookup_order", { args: { orderId: "A" }, delegation: ["triage"] })).effect,
    ).toBe("allow");
    expect(
      point.decide(toolCall("lookup_order", { args: { orderId: "A" }, delegation: ["looper"] })).effect,
    ).toBe("deny");
  });

  it("requires approval when only an @approval permit matches, and allows once approved", () => {
    const point = pointFor(`
permit (principal == Agent::"triage", action == Action::"tool:issue_refund", resource)
when { context.args.amountUsd.lessThanOrEqual(decimal("100.0")) };

@approval("refunds above 100 USD need a person's approval")
@invariant("refund-limit")
permit (principal == Agent::"triage", action == Action::"tool:issue_refund", resource)
when { context.args.amountUsd.greaterThan(decimal("100.0")) };
`);
    const big = { orderId: "A", amountUsd: 250 };
    expect(point.decide(toolCall("issue_refund", { args: big }))).toEqual({
      effect: "require_approval",
      reason: "refunds above 100 USD need a person's approval",
      policies: ["policies/test.cedar:5"],
      invariant: "refund-limit",
    });
    expect(point.decide(toolCall("issue_refund", { args: big, approved: true })).effect).toBe("allow");
    expect(point.decide(toolCall("issue_refund", { args: { orderId: "A", amountUsd: 20 } })).effect).toBe(
      "allow",
    );
  });

  it("requires approval for an @approval forbid that an approval lifts, and denies when nothing would permit it", () => {
    const point = pointFor(`
permit (principal == Agent::"ops", action == Action::"tool:destroy_environment", resource);

@approval("destroying an environment needs a person's approval")
forbid (principal, action, resource == Tool::"destroy_environment") unless { context.approved };
`);
    const destroy = (agent: string, approved?: boolean) =>
      point.decide(toolCall("destroy_environment", { agent, args: { environment: "production" }, approved }));
    expect(destroy("ops")).toEqual({
      effect: "require_approval",
      reason: "destroying an environment needs a person's approval",
      policies: ["policies/test.cedar:4", "policies/test.cedar:2"],
    });
    expect(destroy("ops", true).effect).toBe("allow");
    const triage = destroy("triage");
    expect(triage.effect).toBe("deny");
    expect(triage.effect === "deny" && triage.reason).toContain(
      "even with an approval no policy permits triage",
    );
    expect(destroy("triage", true).effect).toBe("deny");
  });

  it("redacts the argument paths an @redact permit names", () => {
    const point = pointFor(`
@redact("args.cardNumber")
permit (principal, action == Action::"tool:issue_refund", resource);
`);
    const decision = point.decide(
      toolCall("issue_refund", { args: { orderId: "A", amountUsd: 5, cardNumber: "4111111111111111" } }),
    );
    // A policy's line is where it starts, its first annotation included.
    expect(decision).toMatchObject({
      effect: "redact",
      paths: ["args.cardNumber"],
      policies: ["policies/test.cedar:2"],
    });
  });

  it("allows model calls when no policy restricts them, and a forbid restricts them", () => {
    const open = pointFor(`permit (principal, action == Action::"tool:lookup_order", resource);`);
    expect(open.decide(modelCall("sim:default"))).toEqual({
      effect: "allow",
      policies: ["gantry:models-open"],
    });
    expect(open.decide(modelCall("anthropic:claude-unknown")).effect).toBe("allow");
    const restricted = pointFor(`
forbid (principal == Agent::"triage", action in Action::"model", resource) unless { resource == Model::"sim:default" };
`);
    expect(restricted.decide(modelCall("sim:default")).effect).toBe("allow");
    expect(restricted.decide(modelCall("openai:gpt-4o-mini")).effect).toBe("deny");
    expect(restricted.decide(modelCall("openai:gpt-4o-mini", "ops")).effect).toBe("allow");
  });

  it("checks the egress host of HTTP tools", () => {
    const point = pointFor(`
permit (principal, action == Action::"tool:http_get", resource);
forbid (principal, action, resource) when { context has egressHost } unless { context.egressHost like "*.example.com" };
`);
    const get = (egressHost?: string) =>
      point.decide(toolCall("http_get", { args: { url: "u" }, egressHost })).effect;
    expect(get("api.example.com")).toBe("allow");
    expect(get("API.EXAMPLE.COM")).toBe("allow");
    expect(get("evil.test")).toBe("deny");
    expect(get()).toBe("allow");
  });

  it("never throws: a request Cedar cannot take is denied with the error", () => {
    const point = pointFor(`permit (principal, action, resource) when { context.delegation.isEmpty() };`);
    const request = toolCall("lookup_order", { args: { orderId: "A" } });
    expect(point.decide(request).effect).toBe("allow");
    // A caller bug: a delegation that is not a list. Cedar refuses the context; the call is denied.
    const broken = { ...request, principal: { ...request.principal, delegation: 7 as unknown as string[] } };
    const decision = point.decide(broken);
    expect(decision.effect).toBe("deny");
    expect(decision.effect === "deny" && decision.reason).toContain("an evaluation error denies");
  });

  it("digests the policy texts", () => {
    const a = pointFor(`permit (principal, action == Action::"tool:lookup_order", resource);`);
    const same = pointFor(`permit (principal, action == Action::"tool:lookup_order", resource);`);
    const other = pointFor(`permit (principal, action == Action::"tool:check_ticket", resource);`);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(same.digest).toBe(a.digest);
    expect(other.digest).not.toBe(a.digest);
  });
});
