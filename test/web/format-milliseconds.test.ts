import { describe, expect, it } from "vitest";
import { formatMilliseconds } from "../../web/src/format/format-milliseconds.js";

describe("formatMilliseconds", () => {
  it("shows sub-millisecond and short spans with enough digits", () => {
    expect(formatMilliseconds(0)).toBe("0 ms");
    expect(formatMilliseconds(0.42)).toBe("0.42 ms");
    expect(formatMilliseconds(4.25)).toBe("4.3 ms");
    expect(formatMilliseconds(4)).toBe("4 ms");
    expect(formatMilliseconds(12.6)).toBe("13 ms");
    expect(formatMilliseconds(840)).toBe("840 ms");
  });

  it("switches to seconds from one second", () => {
    expect(formatMilliseconds(1000)).toBe("1 s");
    expect(formatMilliseconds(1240)).toBe("1.24 s");
    expect(formatMilliseconds(1500)).toBe("1.5 s");
    expect(formatMilliseconds(42_130)).toBe("42.1 s");
  });

  it("uses minutes and hours for long spans", () => {
    expect(formatMilliseconds(125_000)).toBe("2 min 5 s");
    expect(formatMilliseconds(120_000)).toBe("2 min");
    expect(formatMilliseconds(3_600_000 + 12 * 60_000)).toBe("1 h 12 min");
    expect(formatMilliseconds(7_200_000)).toBe("2 h");
  });

  it("says so for a duration that cannot be one", () => {
    expect(formatMilliseconds(-1)).toBe("—");
    expect(formatMilliseconds(Number.NaN)).toBe("—");
  });
});
