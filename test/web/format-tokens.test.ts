import { describe, expect, it } from "vitest";
import { formatInteger, formatTokenCount } from "../../web/src/format/format-tokens.js";

describe("formatTokenCount", () => {
  it("shows small counts in full", () => {
    expect(formatTokenCount(0)).toBe("0");
    expect(formatTokenCount(842)).toBe("842");
    expect(formatTokenCount(999)).toBe("999");
  });

  it("shortens thousands and millions", () => {
    expect(formatTokenCount(1000)).toBe("1k");
    expect(formatTokenCount(1240)).toBe("1.2k");
    expect(formatTokenCount(12_345)).toBe("12.3k");
    expect(formatTokenCount(240_400)).toBe("240k");
    expect(formatTokenCount(999_600)).toBe("1M");
    expect(formatTokenCount(1_530_000)).toBe("1.5M");
  });

  it("never shows an impossible count", () => {
    expect(formatTokenCount(-5)).toBe("—");
  });
});

describe("formatInteger", () => {
  it("groups thousands", () => {
    expect(formatInteger(7)).toBe("7");
    expect(formatInteger(12_345)).toBe("12,345");
    expect(formatInteger(1_234_567)).toBe("1,234,567");
    expect(formatInteger(-4_200)).toBe("-4,200");
  });
});
