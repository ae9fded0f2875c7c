import { describe, expect, it } from "vitest";
import { compareRuns } from "../../src/evals/compare/index.js";
import { gateVerdict } from "../../src/evals/gate/index.js";
import type { TrialResult } from "../../src/evals/index.js";
import { summarizeTrials } from "../../src/evals/runner/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { cases, failing, inconclusive, passing } from "./support/trials.js";

function verdict(
  results: TrialResult[],
  thresholds: Parameters<typeof gateVerdict>[0]["thresholds"],
  baseline?: TrialResult[],
) {
  return gateVerdict({
    summary: summarizeTrials(results, 1000),
    results,
    thresholds,
    ...(baseline
      ? { comparison: compareRuns({ id: "evr_base", results: baseline }, { id: "evr_now", results }) }
      : {}),
  });
}

describe("gateVerdict", () => {
  it("0 when every threshold is met, with the interval", () => {
    const result = verdict([...cases(9, (id) => passing(id)), failing("case-10")], { passRate: 0.9 });
    expect(result.exitCode).toBe(0);
    expect(result.reasons[0]).toMatch(/^pass rate 90% \(9 of 10 decided trials\) meets 90% \(95% interval/);
  });

  it("100 when the pass rate is below the threshold, naming the threshold and the failing cases", () => {
    const result = verdict([passing("a"), failing("b"), failing("c")], { passRate: 0.9 });
    expect(result.exitCode).toBe(100);
    expect(result.reasons).toEqual([
      "pass rate 33.3% (1 of 3 decided trials) is below the threshold 90%; failing cases: b, c",
    ]);
  });

  it("100 when a scorer or judge dimension mean is below its threshold", () => {
    const judged = (caseId: string, value: number) =>
      passing(caseId, 0, [
        { scorer: "equals", value: 1, passed: true },
        { scorer: "rubric", dimension: "faithfulness", value, passed: value >= 0.5 },
      ]);
    const results = [judged("a", 0.9), judged("b", 0.6), { ...judged("c", 0.3), passed: false }];
    const result = verdict(results, { passRate: 0.5, dimensions: { faithfulness: 0.7 } });
    expect(result.exitCode).toBe(100);
    expect(result.reasons).toEqual([
      "dimension faithfulness mean 0.600 (3 scored trials) is below the threshold 0.7; failing cases: c",
    ]);
    // A scorer threshold covers every dimension of a judge: (0.9 + 0.6 + 0.3) / 3, and "equals" is met.
    const byScorer = verdict(results, { passRate: 0.5, scorers: { rubric: 0.65, equals: 1 } });
    expect(byScorer.exitCode).toBe(100);
    expect(byScorer.reasons).toEqual([
      "rubric mean 0.600 (3 scored trials) is below the threshold 0.65; failing cases: c",
    ]);
  });

  it("3 when a trial is inconclusive and the thresholds could still be met", () => {
    const result = verdict([passing("a"), passing("b"), inconclusive("c")], { passRate: 0.9 });
    expect(result.exitCode).toBe(3);
    expect(result.reasons[0]).toBe(
      "1 of 3 trials were inconclusive (judge or provider unavailable), cases: c; first: All 5 attempts failed: 503",
    );
  });

  it("100, not 3, when the failure is certain even if every inconclusive trial had passed", () => {
    const result = verdict([failing("a"), failing("b"), passing("c"), inconclusive("d")], { passRate: 0.9 });
    expect(result.exitCode).toBe(100);
    // 1 of 3 decided; at best 2 of 4 — still below 90%.
    expect(result.reasons[0]).toContain("is below the threshold 90%; failing cases: a, b");
  });

  it("3 when the decided pass rate fails but inconclusive trials could lift it", () => {
    const result = verdict([passing("a"), failing("b"), inconclusive("c"), inconclusive("d")], {
      passRate: 0.7,
    });
    expect(result.exitCode).toBe(3);
    expect(result.reasons[1]).toBe(
      "pass rate 50% (1 of 2 decided trials) is below 70% but 2 inconclusive trials could still lift it to 75%",
    );
  });

  it("2 on a significant regression against the baseline", () => {
    const baseline = [
      ...cases(9, (id) => passing(id)),
      failing("case-10"),
      ...cases(10, (id) => passing(`x${id}`)),
    ];
    const current = [
      ...cases(9, (id) => failing(id)),
      passing("case-10"),
      ...cases(10, (id) => passing(`x${id}`)),
    ];
    const result = verdict(current, { passRate: 0.5 }, baseline);
    expect(result.exitCode).toBe(2);
    expect(result.reasons[0]).toMatch(
      /^pass rate changed -40% against run evr_base, beyond the noise floor 26\.8% \(McNemar p = 0\.0215\); regressed: case-1, case-2/,
    );
  });

  it("2 when more cases flipped to failing than maxRegressions allows, even without significance", () => {
    const result = verdict([failing("a"), passing("b"), passing("c")], { passRate: 0.5, maxRegressions: 0 }, [
      passing("a"),
      passing("b"),
      passing("c"),
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.reasons).toEqual([
      "1 case went from pass to fail against run evr_base (at most 0 allowed): a",
    ]);
  });

  it("0 with a baseline when nothing regressed beyond the allowance", () => {
    const result = verdict([failing("a"), passing("b"), passing("c")], { passRate: 0.5 }, [
      passing("a"),
      passing("b"),
      passing("c"),
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.reasons.at(-1)).toBe(
      "no significant regression against run evr_base (1 regressed, 0 improved, p = 1.00)",
    );
  });

  it("throws EVAL_THRESHOLD_UNKNOWN for a threshold no scorer produced", () => {
    const error = catchGantryError(() => verdict([passing("a")], { dimensions: { faithfulness: 0.8 } }));
    expect(error.code).toBe("EVAL_THRESHOLD_UNKNOWN");
    expect(error.category).toBe("USER");
    expect(error.details).toMatchObject({ threshold: "dimensions.faithfulness", scores: ["equals"] });
  });

  it("defaults the pass-rate threshold to every trial passing", () => {
    expect(verdict([passing("a"), failing("b")], {}).exitCode).toBe(100);
    expect(verdict([passing("a")], {}).exitCode).toBe(0);
  });
});
