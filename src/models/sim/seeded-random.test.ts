import { describe, expect, it } from "vitest";
import { SeededRandom, seedFrom } from "./seeded-random.js";

const draws = (seed: number, count = 20) => {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe("SeededRandom", () => {
  it("repeats its sequence for the same seed and changes it for another", () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(43)).not.toEqual(draws(42));
  });

  it("draws floats in [0, 1) with a mean near 0.5", () => {
    const values = draws(7, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it("keeps integers within inclusive bounds and reaches both ends", () => {
    const random = new SeededRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.integer(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it("gives standard normal samples with mean ~0 and deviation ~1", () => {
    const random = new SeededRandom(3);
    const values = Array.from({ length: 20_000 }, () => random.standardNormal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.sqrt(variance)).toBeGreaterThan(0.97);
    expect(Math.sqrt(variance)).toBeLessThan(1.03);
  });

  it("derives distinct, stable seeds from parts", () => {
    expect(seedFrom(42, "a", 0)).toBe(seedFrom(42, "a", 0));
    expect(seedFrom(42, "a", 1)).not.toBe(seedFrom(42, "a", 0));
    // Parts are separated, so ("ab", "c") and ("a", "bc") do not collide.
    expect(seedFrom("ab", "c")).not.toBe(seedFrom("a", "bc"));
  });
});
