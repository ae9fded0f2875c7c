import { afterEach, describe, expect, it, vi } from "vitest";
import { cedar } from "./cedar-engine.js";
import { createCedarPolicyPoint } from "./cedar-policy-point.js";
import { compilePolicySources } from "./load-policies.js";

const workspace = { agents: ["triage"], tools: [{ name: "lookup_order", annotations: { readOnly: true } }] };
const request = {
  principal: { project: "default", agent: "triage", runId: "r", delegation: [] },
  action: {
    kind: "tool" as const,
    tool: "lookup_order",
    source: "function" as const,
    annotations: { readOnly: true },
  },
  args: {},
  environment: "production",
};

describe("createCedarPolicyPoint", () => {
  afterEach(() => vi.restoreAllMocks());

  it("pre-parses a slice again when cedar-wasm no longer knows it, and decides", () => {
    const policies = compilePolicySources({
      sources: [
        { file: "policies/a.cedar", text: `permit (principal, action in Action::"readOnly", resource);` },
      ],
      workspace,
    });
    const point = createCedarPolicyPoint({ policies });
    expect(point.decide(request).effect).toBe("allow");
    const engine = cedar();
    const real = engine.statefulIsAuthorized;
    // As a second copy of the engine in the process would answer: it never saw the slice.
    const forgetful = vi.spyOn(engine, "statefulIsAuthorized").mockImplementationOnce((call) => ({
      type: "failure",
      errors: [
        {
          message: `preparsed policy set '${call.preparsedPolicySetId}' not found`,
          help: null,
          code: null,
          url: null,
          severity: null,
        },
      ],
      warnings: [],
    }));
    forgetful.mockImplementation(real);
    const preparse = vi.spyOn(engine, "preparsePolicySet");
    expect(point.decide(request)).toEqual({ effect: "allow", policies: ["policies/a.cedar:1"] });
    expect(preparse).toHaveBeenCalledTimes(1);
  });

  it("denies, naming the engine's error, when Cedar refuses the request", () => {
    const policies = compilePolicySources({
      sources: [
        {
          file: "policies/a.cedar",
          text: `permit (principal, action == Action::"tool:lookup_order", resource);`,
        },
      ],
      workspace,
    });
    const point = createCedarPolicyPoint({ policies });
    vi.spyOn(cedar(), "statefulIsAuthorized").mockReturnValue({
      type: "failure",
      errors: [{ message: "entity does not conform", help: null, code: null, url: null, severity: null }],
      warnings: [],
    });
    const decision = point.decide(request);
    expect(decision).toMatchObject({ effect: "deny", policies: [] });
    expect(decision.effect === "deny" && decision.reason).toBe(
      "Cedar could not evaluate the request: entity does not conform (an evaluation error denies)",
    );
  });
});
