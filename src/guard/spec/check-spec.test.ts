import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAgentSpec, type SpecWorld } from "./check-spec.js";
import { loadAgentSpec } from "./load-spec.js";
import { agentSpecSchema } from "./spec-schema.js";

const world: SpecWorld = {
  policyInvariants: new Set(["no-delete"]),
  allowlisted: new Set(["tool:lookup_order"]),
  schemas: new Set(["tool:issue_refund", "agent:triage"]),
  evalCases: new Set(["triage#refund-basic"]),
};

function spec(overrides: Record<string, unknown>) {
  return agentSpecSchema.parse({ agent: "triage", scope: {}, ...overrides });
}

describe("checkAgentSpec", () => {
  it("passes when every enforcement resolves and every criterion has an eval case", () => {
    const good = spec({
      invariants: [
        { id: "no-delete", rule: "never deletes", enforcement: "policy" },
        { id: "lookups", rule: "may look up", enforcement: "allowlist", ref: "tool:lookup_order" },
        { id: "refund-limit", rule: "max 500", enforcement: "schema", ref: "tool:issue_refund" },
        { id: "cost", rule: "bounded", enforcement: "runtime-check", ref: "breaker" },
        { id: "quality", rule: "routes well", enforcement: "eval", ref: "triage#refund-basic" },
      ],
      success_criteria: [
        { id: "refund", given: "a refund ask", expect: "refunded once", eval: "triage#refund-basic" },
      ],
    });
    expect(checkAgentSpec(good, world)).toEqual([]);
  });

  it("names each invariant whose enforcement does not resolve, and criteria without eval cases", () => {
    const bad = spec({
      invariants: [
        { id: "no-refunds", rule: "never refunds", enforcement: "policy" },
        { id: "models", rule: "only small", enforcement: "allowlist", ref: "model:gpt-5" },
        { id: "shape", rule: "json", enforcement: "schema", ref: "tool:nope" },
        { id: "vibes", rule: "nice", enforcement: "runtime-check", ref: "karma" },
      ],
      success_criteria: [
        { id: "a", given: "x", expect: "y" },
        { id: "b", given: "x", expect: "y", eval: "triage#missing" },
      ],
    });
    expect(checkAgentSpec(bad, world).map((problem) => problem.where)).toEqual([
      "invariants.no-refunds",
      "invariants.models",
      "invariants.shape",
      "invariants.vibes",
      "success_criteria.a",
      "success_criteria.b",
    ]);
  });
});

describe("loadAgentSpec", () => {
  it("names the file, line and field of a wrong value", async () => {
    const folder = mkdtempSync(join(tmpdir(), "spec-"));
    const file = join(folder, "triage.spec.yaml");
    writeFileSync(
      file,
      "agent: triage\nscope: {}\ninvariants:\n  - id: no-delete\n    rule: never\n    enforcement: vibes\n",
    );
    await expect(loadAgentSpec(file)).rejects.toMatchObject({
      code: "SPEC_INVALID",
      message: expect.stringContaining(`${file}:6  invariants.0.enforcement`),
    });
  });
});
