import { describe, expect, it } from "vitest";
import { costTooltip, formatCost, unknownCostTooltip } from "../../web/src/format/format-cost.js";

describe("formatCost", () => {
  it("shows an unknown cost as a dash, never as $0", () => {
    expect(formatCost(null)).toBe("—");
    expect(costTooltip(null)).toBe(unknownCostTooltip);
    expect(unknownCostTooltip).toBe("cost unknown: unpriced model");
  });

  it("shows a known zero as zero dollars", () => {
    expect(formatCost(0)).toBe("$0.00");
  });

  it("keeps every micro-dollar below a cent, always with six places so columns line up", () => {
    expect(formatCost(1)).toBe("$0.000001");
    expect(formatCost(412)).toBe("$0.000412");
    expect(formatCost(1_200)).toBe("$0.001200");
    expect(formatCost(9_999)).toBe("$0.009999");
  });

  it("rounds to four places between a cent and a dollar", () => {
    expect(formatCost(12_345)).toBe("$0.0123");
    expect(formatCost(12_350)).toBe("$0.0124");
    expect(formatCost(999_949)).toBe("$0.9999");
    // 17,555 / 100 is 175.54999… in floating point; the rounding must still go up.
    expect(formatCost(17_555)).toBe("$0.0176");
  });

  it("rounds to cents from a dollar up, grouping thousands", () => {
    expect(formatCost(1_000_000)).toBe("$1.00");
    expect(formatCost(12_345_678)).toBe("$12.35");
    expect(formatCost(1_234_567_891)).toBe("$1,234.57");
  });

  it("carries rounding into the whole dollars", () => {
    expect(formatCost(1_999_999)).toBe("$2.00");
  });

  it("states the exact amount in the tooltip", () => {
    expect(costTooltip(12_345)).toBe("$0.012345 (12,345 micro-USD)");
    expect(costTooltip(2_500_000)).toBe("$2.500000 (2,500,000 micro-USD)");
  });
});
