import { describe, expect, it } from "vitest";
import { cedar } from "./cedar-engine.js";
import { policyUsage } from "./policy-usage.js";

function usage(text: string) {
  const parsed = cedar().policyToJson(text);
  if (parsed.type === "failure") throw new Error(parsed.errors[0]?.message);
  return policyUsage(parsed.json);
}

describe("policyUsage", () => {
  it("reads the scope and only the context paths a policy touches", () => {
    const result = usage(
      `permit (principal == Agent::"triage", action == Action::"tool:x", resource) when { context.args.amountUsd.lessThan(decimal("1.0")) && context.args has note && context.approved };`,
    );
    expect(result.principal).toEqual({ kind: "eq", type: "Agent", id: "triage" });
    expect(result.action).toEqual({ kind: "eq", type: "Action", id: "tool:x" });
    expect(result.context).toEqual([["args", "amountUsd"], ["args", "note"], ["approved"]]);
    expect([result.principalEntity, result.actionEntity, result.resourceEntity]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("asks for entities when a policy needs their ancestors or attributes", () => {
    const result = usage(
      `permit (principal in Project::"p", action in [Action::"tools", Action::"tool:y"], resource) when { resource.name like "a*" };`,
    );
    expect(result.action).toEqual({
      kind: "in",
      entities: [
        { type: "Action", id: "tools" },
        { type: "Action", id: "tool:y" },
      ],
    });
    expect([result.principalEntity, result.actionEntity, result.resourceEntity]).toEqual([true, true, true]);
    // `in` a list of plain actions holds for those actions themselves: no ancestors needed.
    expect(usage(`permit (principal, action in [Action::"tool:a"], resource);`).actionEntity).toBe(false);
  });

  it("takes the whole context when a policy uses it as a value", () => {
    expect(usage(`permit (principal, action, resource) when { context == {} };`).context).toBe("all");
    expect(usage(`permit (principal, action, resource) when { context has egressHost };`).context).toEqual([
      ["egressHost"],
    ]);
  });
});
