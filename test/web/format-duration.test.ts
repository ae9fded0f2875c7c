import { describe, expect, it } from "vitest";
import { formatDuration } from "../../web/src/format/format-duration.js";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [45.9, "45 s"],
    [60, "1 min"],
    [725, "12 min 5 s"],
    [3600, "1 h"],
    [3 * 3600 + 12 * 60 + 40, "3 h 12 min"],
    [86_400, "1 d"],
    [2 * 86_400 + 4 * 3600 + 59, "2 d 4 h"],
  ])("formats %s seconds as %s", (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it("says unknown for values that are not a duration", () => {
    expect(formatDuration(-1)).toBe("unknown");
    expect(formatDuration(Number.NaN)).toBe("unknown");
  });
});
