import { describe, expect, it } from "vitest";
import { chunkDelayMs, lognormalSigma, sampleLatencyMs } from "./latency-model.js";
import { SeededRandom } from "./seeded-random.js";

function quantile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

describe("latency model", () => {
  it("derives sigma as ln(p95 / median) / 1.645", () => {
    expect(lognormalSigma(300, 1200)).toBeCloseTo(Math.log(4) / 1.645, 3);
  });

  it("lognormal samples hit the target median and p95 within 10% over 5,000 samples", () => {
    const random = new SeededRandom(11);
    const latency = { kind: "lognormal" as const, medianMs: 300, p95Ms: 1200 };
    const samples = Array.from({ length: 5000 }, () => sampleLatencyMs(latency, random));
    expect(quantile(samples, 0.95)).toBeGreaterThan(1200 * 0.9);
    expect(quantile(samples, 0.95)).toBeLessThan(1200 * 1.1);
    expect(quantile(samples, 0.5)).toBeGreaterThan(300 * 0.9);
    expect(quantile(samples, 0.5)).toBeLessThan(300 * 1.1);
  });

  it("normal samples are truncated at 0 and keep their mean when far from 0", () => {
    const random = new SeededRandom(5);
    const wide = Array.from({ length: 2000 }, () =>
      sampleLatencyMs({ kind: "normal", meanMs: 10, stdDevMs: 50 }, random),
    );
    expect(Math.min(...wide)).toBeGreaterThanOrEqual(0);
    const narrow = Array.from({ length: 2000 }, () =>
      sampleLatencyMs({ kind: "normal", meanMs: 500, stdDevMs: 50 }, random),
    );
    const mean = narrow.reduce((sum, value) => sum + value, 0) / narrow.length;
    expect(mean).toBeGreaterThan(495);
    expect(mean).toBeLessThan(505);
  });

  it("fixed and none give constant delays", () => {
    const random = new SeededRandom(1);
    expect(sampleLatencyMs({ kind: "fixed", ms: 250 }, random)).toBe(250);
    expect(sampleLatencyMs({ kind: "none" }, random)).toBe(0);
  });

  it("uses the configured chunk delay, else a small share of the first-token delay", () => {
    expect(chunkDelayMs({ kind: "fixed", ms: 500, chunkMs: 7 }, 500)).toBe(7);
    expect(chunkDelayMs({ kind: "fixed", ms: 500 }, 500)).toBe(20);
    expect(chunkDelayMs({ kind: "none" }, 0)).toBe(0);
  });
});
