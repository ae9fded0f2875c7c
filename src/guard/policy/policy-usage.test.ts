import { describe, expect, it } from "vitest";
import { cedar } from "./cedar-engine.js";
import { policyUsage, sliceForm } from "./policy-usage.js";

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

  it("asks for entities only when conditions read them or a scope is one the slicer cannot check", () => {
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
    // The slicer checks `in` scopes exactly, so only the resource, read in the condition, is needed.
    expect([result.principalEntity, result.actionEntity, result.resourceEntity]).toEqual([
      false,
      false,
      true,
    ]);
    const typed = usage(
      `permit (principal is Agent in Project::"p", action, resource) when { principal in User::"u" };`,
    );
    expect(typed.principal.kind).toBe("other");
    expect(typed.principalEntity).toBe(true);
    expect([...typed.entityTypes].sort()).toEqual(["Project", "User"]);
  });

  it("writes the slice form with checked scopes dropped and everything else untouched", () => {
    const text = `@reason("a) (b")\npermit (\n  principal in Project::"p", // comment, with a comma)\n  action in [Action::"tool:a", Action::"tool:b"],\n  resource is Tool\n) when { context.args.n * 4611686018427387904 > 0 };`;
    const form = sliceForm(text, usage(text));
    expect(form).toBe(
      `@reason("a) (b")\npermit (principal, action, resource is Tool) when { context.args.n * 4611686018427387904 > 0 };`,
    );
  });

  it("takes the whole context when a policy uses it as a value", () => {
    expect(usage(`permit (principal, action, resource) when { context == {} };`).context).toBe("all");
    expect(usage(`permit (principal, action, resource) when { context has egressHost };`).context).toEqual([
      ["egressHost"],
    ]);
  });
});
