import { describe, expect, it } from "vitest";
import { nearestRankPercentile } from "./percentile.js";

describe("nearestRankPercentile", () => {
  it("takes the value at rank ceil(p/100 x N) of the sorted list", () => {
    const values = [15, 20, 35, 40, 50];
    // The textbook example: p30 -> rank 2 (20), p40 -> rank 2 (20), p50 -> rank 3 (35), p100 -> rank 5.
    expect(nearestRankPercentile(values, 30)).toBe(20);
    expect(nearestRankPercentile(values, 40)).toBe(20);
    expect(nearestRankPercentile(values, 50)).toBe(35);
    expect(nearestRankPercentile(values, 100)).toBe(50);
    expect(nearestRankPercentile(values, 0)).toBe(15);
  });

  it("does not depend on input order and leaves the input alone", () => {
    const values = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    expect(nearestRankPercentile(values, 95)).toBe(10);
    expect(nearestRankPercentile(values, 50)).toBe(5);
    expect(values[0]).toBe(9);
  });

  it("is undefined for no values", () => {
    expect(nearestRankPercentile([], 50)).toBeUndefined();
  });
});
