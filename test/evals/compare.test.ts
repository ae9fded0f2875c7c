import { describe, expect, it } from "vitest";
import { compareRuns, majorityVerdict, noiseFloor } from "../../src/evals/compare/index.js";
import { cases, failing, inconclusive, passing } from "./support/trials.js";

describe("majorityVerdict", () => {
  it("passes a case when most decided trials passed; a tie fails; mostly undecided is inconclusive", () => {
    expect(majorityVerdict([passing("a", 0), passing("a", 1), failing("a", 2)])).toBe("pass");
    expect(majorityVerdict([passing("a", 0), failing("a", 1)])).toBe("fail");
    expect(majorityVerdict([passing("a", 0), inconclusive("a", 1), inconclusive("a", 2)])).toBe(
      "inconclusive",
    );
    expect(majorityVerdict([passing("a", 0), inconclusive("a", 1)])).toBe("pass");
    expect(majorityVerdict([])).toBe("inconclusive");
  });
});

describe("compareRuns", () => {
  it("lists flips both ways and counts regressions and improvements", () => {
    const baseline = {
      id: "evr_base",
      results: [passing("a"), passing("b"), failing("c"), passing("d"), inconclusive("e")],
    };
    const current = {
      id: "evr_now",
      results: [failing("a"), passing("b"), passing("c"), passing("d"), passing("e"), failing("new")],
    };
    const comparison = compareRuns(baseline, current);
    expect(comparison.baselineRunId).toBe("evr_base");
    expect(comparison.runId).toBe("evr_now");
    expect(comparison.flips).toEqual([
      { caseId: "a", baseline: "pass", current: "fail" },
      { caseId: "c", baseline: "fail", current: "pass" },
      { caseId: "e", baseline: "inconclusive", current: "pass" },
    ]);
    expect(comparison.regressions).toBe(1);
    expect(comparison.improvements).toBe(1);
    // A case only the current run has (`new`) is not compared.
    expect(comparison.passRateDelta).toBeCloseTo(4 / 5 - 3 / 4, 12);
    expect(comparison.pValue).toBe(1);
    expect(comparison.significantRegression).toBe(false);
  });

  it("flags a significant regression: 9 of 10 discordant cases got worse, beyond the noise floor", () => {
    const baseline = {
      id: "b",
      results: [
        ...cases(9, (id) => passing(id)),
        failing("case-10"),
        ...cases(10, (id) => passing(`x${id}`)),
      ],
    };
    const current = {
      id: "c",
      results: [
        ...cases(9, (id) => failing(id)),
        passing("case-10"),
        ...cases(10, (id) => passing(`x${id}`)),
      ],
    };
    const comparison = compareRuns(baseline, current);
    expect(comparison.regressions).toBe(9);
    expect(comparison.improvements).toBe(1);
    expect(comparison.pValue).toBeCloseTo(22 / 1024, 12);
    // 19/20 → 11/20: delta −0.40; pooled p̄ = 0.75, floor = 1.96·√(0.75·0.25·(2/20)) = 0.26838.
    expect(comparison.passRateDelta).toBeCloseTo(-0.4, 12);
    expect(comparison.noiseFloor).toBeCloseTo(0.26838, 4);
    expect(comparison.significantRegression).toBe(true);
  });

  it("does not call a drop significant when McNemar says it could be chance", () => {
    const baseline = { id: "b", results: [passing("a"), passing("b"), passing("c")] };
    const current = { id: "c", results: [failing("a"), failing("b"), passing("c")] };
    const comparison = compareRuns(baseline, current);
    expect(comparison.passRateDelta).toBeCloseTo(-2 / 3, 12);
    expect(comparison.pValue).toBe(0.5);
    expect(comparison.significantRegression).toBe(false);
  });
});

describe("noiseFloor", () => {
  it("is 1.96 times the pooled standard error of the difference", () => {
    expect(noiseFloor({ passed: 45, decided: 50 }, { passed: 40, decided: 50 })).toBeCloseTo(
      1.96 * Math.sqrt(0.85 * 0.15 * (1 / 50 + 1 / 50)),
      12,
    );
    expect(noiseFloor({ passed: 0, decided: 0 }, { passed: 3, decided: 4 })).toBe(0);
  });
});
