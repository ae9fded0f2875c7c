import { describe, expect, it } from "vitest";
import {
  evalComparePagePath,
  evalRunPagePath,
  promptPagePath,
  resolveRoute,
  runPagePath,
  sessionPagePath,
  tracePagePath,
} from "../../web/src/routes.js";

describe("resolveRoute", () => {
  it("maps the built sections", () => {
    expect(resolveRoute("/")).toEqual({ page: "overview" });
    expect(resolveRoute("/traces")).toEqual({ page: "traces" });
    expect(resolveRoute("/traces/")).toEqual({ page: "traces" });
    expect(resolveRoute("/sessions")).toEqual({ page: "sessions" });
    expect(resolveRoute("/runs")).toEqual({ page: "runs" });
    expect(resolveRoute("/prompts")).toEqual({ page: "prompts" });
    expect(resolveRoute("/evals")).toEqual({ page: "evals" });
    expect(resolveRoute("/evals/compare")).toEqual({ page: "eval-compare" });
  });

  it("reads ids from detail paths, percent-decoded", () => {
    expect(resolveRoute("/traces/4bf92f3577b34da6a3ce929d0e0e4736")).toEqual({
      page: "trace",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(resolveRoute("/sessions/sess%2Frefund%20%231")).toEqual({
      page: "session",
      sessionId: "sess/refund #1",
    });
  });

  it("round-trips ids through the page paths", () => {
    const sessionId = "conv/2041?x=1";
    expect(resolveRoute(sessionPagePath(sessionId))).toEqual({ page: "session", sessionId });
    expect(tracePagePath("abc", "span 1")).toBe("/traces/abc?span=span%201");
    expect(resolveRoute(runPagePath("run_01J/x"))).toEqual({ page: "run", runId: "run_01J/x" });
    expect(resolveRoute(promptPagePath("triage"))).toEqual({ page: "prompt", promptId: "triage" });
    expect(resolveRoute(evalRunPagePath("evr_01J/x"))).toEqual({ page: "eval-run", runId: "evr_01J/x" });
    expect(evalComparePagePath({ baseline: "evr_a", run: "evr_b" })).toBe(
      "/evals/compare?baseline=evr_a&run=evr_b",
    );
    expect(evalComparePagePath({ run: "evr_b" })).toBe("/evals/compare?run=evr_b");
    expect(promptPagePath("triage", { from: "1.0.0", to: "production" })).toBe(
      "/prompts/triage?from=1.0.0&to=production",
    );
  });

  it("says not found for paths no page has", () => {
    expect(resolveRoute("/evals/runs")).toEqual({ page: "not-found" });
    expect(resolveRoute("/evals/runs/a/b")).toEqual({ page: "not-found" });
    expect(resolveRoute("/prompts/a/b")).toEqual({ page: "not-found" });
    expect(resolveRoute("/approvals")).toEqual({ page: "approvals" });
    expect(resolveRoute("/runs/a/b")).toEqual({ page: "not-found" });
    expect(resolveRoute("/traces/a/b")).toEqual({ page: "not-found" });
    expect(resolveRoute("/traces/%E0%A4%A")).toEqual({ page: "not-found" });
    expect(resolveRoute("/nowhere")).toEqual({ page: "not-found" });
  });
});
