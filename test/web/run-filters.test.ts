import { describe, expect, it } from "vitest";
import {
  emptyRunFilters,
  hasActiveRunFilters,
  parseRunFilters,
  runListApiPath,
  runsPagePath,
} from "../../web/src/runs/run-filters.js";
import { describeStopReason, runStatusTone } from "../../web/src/runs/run-status.js";

describe("run filters", () => {
  it("read the URL query, dropping unknown statuses and keys", () => {
    expect(parseRunFilters("?status=paused&agent=%20triage%20&since=1h")).toEqual({
      agent: "triage",
      status: "paused",
    });
    expect(parseRunFilters("?status=done")).toEqual(emptyRunFilters);
    expect(parseRunFilters("")).toEqual(emptyRunFilters);
  });

  it("make page links and API paths in a fixed order", () => {
    const filters = { agent: "refund desk", status: "failed" } as const;
    expect(runsPagePath(filters)).toBe("/runs?agent=refund+desk&status=failed");
    expect(runsPagePath(emptyRunFilters)).toBe("/runs");
    expect(runListApiPath(filters, { limit: 50 })).toBe(
      "/api/v1/runs?agent=refund+desk&status=failed&limit=50",
    );
    expect(runListApiPath(emptyRunFilters, { limit: 50, cursor: "run_01J" })).toBe(
      "/api/v1/runs?limit=50&cursor=run_01J",
    );
    expect(parseRunFilters(runsPagePath(filters).slice("/runs".length))).toEqual(filters);
  });

  it("say whether anything is filtered", () => {
    expect(hasActiveRunFilters(emptyRunFilters)).toBe(false);
    expect(hasActiveRunFilters({ agent: "", status: "running" })).toBe(true);
  });
});

describe("run status", () => {
  it("draws paused as a warning and failures as danger", () => {
    expect(runStatusTone("paused")).toBe("warning");
    expect(runStatusTone("failed")).toBe("danger");
    expect(runStatusTone("completed")).toBe("good");
    expect(runStatusTone("running")).toBe("accent");
  });

  it("explains stop reasons in words, and passes unknown ones through", () => {
    expect(describeStopReason("max-steps")).toContain("limits.maxSteps");
    expect(describeStopReason("something-new")).toBe("something-new");
  });
});
