import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../store/index.js";
import { auditReplayStep, principalText, readRunAudit } from "./audit-replay.js";

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    sequence: 7,
    id: "audit_1",
    time: "2026-11-24T09:00:00.000Z",
    projectId: "default",
    principal: {
      apiKeyId: "key_ops",
      project: "default",
      agent: "ops",
      agentVersion: "1.2.0",
      session: "s1",
      runId: "run_1",
      delegation: ["orchestrator"],
    },
    action: "tool.propose",
    resource: "tool:destroy_environment",
    decision: "require_approval",
    reason: "destructive in production",
    details: {
      runId: "run_1",
      toolCallId: "call_1",
      argsDigest: "a".repeat(64),
      policyDigest: "p".repeat(64),
      policies: ["policies/prod.cedar:3"],
      invariant: "no-prod-deletes",
      traceId: "trace_1",
    },
    previousHash: "0".repeat(64),
    hash: "h".repeat(64),
    ...overrides,
  };
}

describe("audit replay", () => {
  it("reads the principal chain outermost first", () => {
    expect(principalText(entry({}).principal)).toBe(
      "key_ops › default › session s1 › orchestrator › ops@1.2.0",
    );
    expect(principalText({ type: "approver", id: "cli:alice" })).toBe("approver cli:alice");
    expect(principalText({ type: "agent", agent: "ops", runId: "run_1" })).toBe("agent ops");
    expect(principalText({ something: "else" })).toBe('{"something":"else"}');
  });

  it("lifts what the enforcement point recorded into named fields, keeping details whole", () => {
    const step = auditReplayStep(entry({}));
    expect(step).toMatchObject({
      sequence: 7,
      tool: "destroy_environment",
      decision: "require_approval",
      reason: "destructive in production",
      argsDigest: "a".repeat(64),
      policyDigest: "p".repeat(64),
      policies: ["policies/prod.cedar:3"],
      invariant: "no-prod-deletes",
      approver: null,
      result: null,
      costMicros: null,
      traceId: "trace_1",
    });
    expect(step.details.toolCallId).toBe("call_1");
  });

  it("names the result of an executed or failed call, and its cost", () => {
    const ok = auditReplayStep(
      entry({
        action: "tool.execute",
        decision: "executed",
        details: { resultDigest: "r".repeat(64), costMicros: 1500 },
      }),
    );
    expect(ok).toMatchObject({ result: `ok ${"r".repeat(12)}`, costMicros: 1500 });
    const failed = auditReplayStep(
      entry({ action: "tool.execute", decision: "failed", details: { errorCode: "TOOL_FAILED" } }),
    );
    expect(failed.result).toBe("error TOOL_FAILED");
    expect(auditReplayStep(entry({ resource: "model:sim" })).tool).toBeNull();
  });

  it("reads a run's entries past one page", async () => {
    const all = Array.from({ length: 2500 }, (_, index) => entry({ sequence: index + 1 }));
    const seen: Array<{ since?: number }> = [];
    const entries = await readRunAudit(
      {
        list: async (options = {}) => {
          seen.push({ since: options.since });
          return all.filter((item) => item.sequence > (options.since ?? 0)).slice(0, options.limit);
        },
      },
      "run_1",
    );
    expect(entries.map((item) => item.sequence)).toEqual(all.map((item) => item.sequence));
    expect(seen.map((item) => item.since)).toEqual([0, 1000, 2000]);
  });
});
