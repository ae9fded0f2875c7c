import { describe, expect, it } from "vitest";
import type { BudgetLimitConfig } from "../../core/index.js";
import { limitIndexOf, limitMicros, resolveBudgetCounters } from "./resolve-budget-counters.js";

const now = Date.UTC(2026, 10, 24, 9, 0);
const limit = (
  scope: BudgetLimitConfig["scope"],
  extra: Partial<BudgetLimitConfig> = {},
): BudgetLimitConfig => ({
  scope,
  window: "total",
  limitUsd: 1,
  ...extra,
});

describe("resolveBudgetCounters", () => {
  it("resolves each scope from the context, with the project defaulting to `default`", () => {
    const counters = resolveBudgetCounters(
      [
        limit("run"),
        limit("session"),
        limit("agent", { window: "day" }),
        limit("apiKey"),
        limit("project", { window: "month" }),
      ],
      { runId: "run_1", sessionId: "session_1", agent: "triage", apiKeyId: "key_1" },
      now,
    );
    expect(counters.map((counter) => `${counter.scope} ${counter.scopeId} ${counter.windowKey}`)).toEqual([
      "run run_1 total",
      "session session_1 total",
      "agent triage day:2026-11-24",
      "apiKey key_1 total",
      "project default month:2026-11",
    ]);
    expect(counters.every((counter) => counter.limitMicros === 1_000_000)).toBe(true);
  });

  it("charges a subagent's run cap to its own run and every ancestor run", () => {
    const counters = resolveBudgetCounters(
      [limit("run", { limitUsd: 0.5 })],
      { runId: "run_child", parentRunIds: ["run_parent", "run_root"], agent: "helper" },
      now,
    );
    expect(counters.map((counter) => counter.scopeId)).toEqual(["run_child", "run_parent", "run_root"]);
  });

  it("skips scopes the context lacks and limits for another id", () => {
    const counters = resolveBudgetCounters(
      [
        limit("session"),
        limit("apiKey"),
        limit("agent", { id: "billing" }),
        limit("project", { id: "acme" }),
      ],
      { runId: "run_1", agent: "triage", projectId: "acme" },
      now,
    );
    expect(counters).toEqual([
      { scope: "project", scopeId: "acme", window: "total", windowKey: "total", limitMicros: 1_000_000 },
    ]);
  });

  it("keeps the smaller cap when two limits land on one counter", () => {
    const limits = [limit("project", { limitUsd: 5 }), limit("project", { id: "default", limitUsd: 2 })];
    const counters = resolveBudgetCounters(limits, { runId: "run_1", agent: "triage" }, now);
    expect(counters).toHaveLength(1);
    expect(counters[0]!.limitMicros).toBe(2_000_000);
    expect(limitIndexOf(limits, counters[0]!)).toBe(1);
  });

  it("finds the configured limit a counter came from, or -1 when the config no longer has it", () => {
    const limits = [limit("agent", { limitUsd: 3 }), limit("agent", { window: "day", limitUsd: 0.25 })];
    const [total, daily] = resolveBudgetCounters(limits, { runId: "run_1", agent: "triage" }, now);
    expect(limitIndexOf(limits, total!)).toBe(0);
    expect(limitIndexOf(limits, daily!)).toBe(1);
    expect(limitIndexOf([limit("agent", { limitUsd: 4 })], total!)).toBe(-1);
  });

  it("turns dollars into whole micro-USD without float drift", () => {
    expect(limitMicros(0.07)).toBe(70_000);
    expect(limitMicros(1.1)).toBe(1_100_000);
    expect(limitMicros(0.000001)).toBe(1);
  });
});
