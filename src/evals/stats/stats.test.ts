import { describe, expect, it } from "vitest";
import {
  mcnemarExactPValue,
  mean,
  meanEstimate,
  passRateEstimate,
  percentile,
  sampleVariance,
  tQuantile975,
  wilsonInterval,
} from "./index.js";

describe("moments", () => {
  it("gives the mean and the unbiased sample variance", () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    // Σ(x − 5)² = 32 over n − 1 = 7.
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(mean([])).toBe(0);
    expect(sampleVariance([3])).toBe(0);
  });
});

describe("Student t quantile", () => {
  it("matches the table for small samples and the known values beyond it", () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile975(9)).toBeCloseTo(2.262, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    // Beyond the table: t(0.975, 40) = 2.0211, t(60) = 2.0003, t(120) = 1.9799, t(∞) = 1.96.
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});

describe("meanEstimate", () => {
  it("is mean ± t·s/√n, clamped to the bounds", () => {
    // mean 0.5, s² = 0.02/3, n = 4, t(3) = 3.1824: half-width 3.1824·√(0.02/12) = 0.129921.
    const estimate = meanEstimate([0.4, 0.5, 0.6, 0.5]);
    expect(estimate.mean).toBeCloseTo(0.5, 12);
    expect(estimate.variance).toBeCloseTo(0.02 / 3, 12);
    expect(estimate.ci95[0]).toBeCloseTo(0.5 - 0.129921, 5);
    expect(estimate.ci95[1]).toBeCloseTo(0.5 + 0.129921, 5);
    expect(meanEstimate([1, 1, 0]).ci95[1]).toBe(1);
    expect(meanEstimate([0.7]).ci95).toEqual([0, 1]);
  });
});

describe("Wilson interval", () => {
  it("matches the textbook values", () => {
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
    // 0 of 10 still leaves room above 0; 10 of 10 below 1.
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("is what passRateEstimate reports", () => {
    const estimate = passRateEstimate(8, 10);
    expect(estimate.mean).toBe(0.8);
    expect(estimate.variance).toBeCloseTo(0.16, 12);
    expect(estimate.ci95).toEqual(wilsonInterval(8, 10));
  });
});

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBeCloseTo(95.5, 10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe("exact McNemar", () => {
  it("gives the binomial two-sided p-value on known tables", () => {
    // 1 vs 9 discordant: 2·(1 + 10)/1024.
    expect(mcnemarExactPValue(9, 1)).toBeCloseTo(22 / 1024, 12);
    expect(mcnemarExactPValue(1, 9)).toBeCloseTo(22 / 1024, 12);
    // 0 vs 5: 2/32 — five flips one way is not yet significant at 5%.
    expect(mcnemarExactPValue(5, 0)).toBeCloseTo(0.0625, 12);
    expect(mcnemarExactPValue(6, 0)).toBeCloseTo(0.03125, 12);
    // A balanced split and no change at all are both p = 1.
    expect(mcnemarExactPValue(3, 3)).toBe(1);
    expect(mcnemarExactPValue(0, 0)).toBe(1);
  });

  it("stays finite for thousands of discordant cases", () => {
    const p = mcnemarExactPValue(1100, 900);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-5);
  });
});
