import { describe, expect, it } from "vitest";
import {
  defaultBaseline,
  evalsPagePath,
  parseComparisonSelection,
  parseEvalSuiteFilter,
} from "../../web/src/evals/eval-filters.js";
import {
  formatInterval,
  formatPercent,
  formatPointChange,
  formatPValue,
  formatScore,
  gateVerdictLabel,
  parseExpectedJson,
  targetText,
} from "../../web/src/evals/eval-format.js";

describe("eval numbers", () => {
  it("shows pass rates as percentages, with a decimal only near 0% and 100%", () => {
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(0.8182)).toBe("82%");
    expect(formatPercent(0.945)).toBe("94.5%");
    expect(formatPercent(0.0946)).toBe("9.5%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("shows a 95% interval, a change in points, a score and a p-value", () => {
    expect(formatInterval([0.0946, 0.9054])).toBe("9.5–90.5%");
    expect(formatPointChange(0.125)).toBe("+12.5 pp");
    expect(formatPointChange(-0.03)).toBe("−3 pp");
    expect(formatPointChange(0)).toBe("0 pp");
    expect(formatScore(0.8333)).toBe("0.83");
    expect(formatPValue(0.03125)).toBe("0.031");
    expect(formatPValue(0.0002)).toBe("< 0.001");
    expect(formatPValue(1)).toBe("1");
  });

  it("names every gate exit code, and the target of each kind", () => {
    expect([0, 100, 2, 3, 1].map((code) => gateVerdictLabel(code))).toEqual([
      { label: "passed", tone: "good" },
      { label: "failed cases", tone: "danger" },
      { label: "regression", tone: "danger" },
      { label: "inconclusive", tone: "warning" },
      { label: "error", tone: "danger" },
    ]);
    expect(targetText({ kind: "agent", agent: "triage" })).toBe("agent triage");
    expect(targetText({ kind: "prompt", prompt: "triage", label: "production" })).toBe(
      "prompt triage@production",
    );
    expect(targetText({ kind: "model", model: "sim:default" })).toBe("model sim:default");
    expect(targetText(null)).toBe("—");
  });

  it("reads the expected answer as JSON, empty as none, and refuses bare text with a way out", () => {
    expect(parseExpectedJson("  ")).toEqual({ ok: true, value: undefined });
    expect(parseExpectedJson('{"category": "refund"}')).toEqual({ ok: true, value: { category: "refund" } });
    expect(parseExpectedJson('"refund"')).toEqual({ ok: true, value: "refund" });
    const refused = parseExpectedJson("refund");
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toContain('put text in double quotes: "refund"');
  });
});

describe("eval page URLs", () => {
  it("keeps the suite filter and the compared pair in the query", () => {
    expect(parseEvalSuiteFilter("?suite=triage")).toBe("triage");
    expect(parseEvalSuiteFilter("")).toBe("");
    expect(evalsPagePath("triage")).toBe("/evals?suite=triage");
    expect(evalsPagePath()).toBe("/evals");
    expect(parseComparisonSelection("?run=evr_b")).toEqual({ baseline: "", run: "evr_b" });
  });

  it("compares with the run's baseline, else the newest older completed run of the suite", () => {
    const runs = [
      { id: "evr_4", status: "running" },
      { id: "evr_3", status: "completed" },
      { id: "evr_2", status: "failed" },
      { id: "evr_1", status: "completed" },
    ];
    expect(defaultBaseline({ id: "evr_3", baselineRunId: "evr_x" }, runs)).toBe("evr_x");
    expect(defaultBaseline({ id: "evr_3", baselineRunId: null }, runs)).toBe("evr_1");
    expect(defaultBaseline({ id: "evr_4", baselineRunId: null }, runs)).toBe("evr_3");
    expect(defaultBaseline({ id: "evr_1", baselineRunId: null }, runs)).toBe("");
    expect(defaultBaseline({ id: "evr_9", baselineRunId: null }, runs)).toBe("");
  });
});
