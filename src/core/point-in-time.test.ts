import { describe, expect, it } from "vitest";
import { parsePointInTime } from "./point-in-time.js";

describe("parsePointInTime", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");

  it("counts a duration back from now, in every unit", () => {
    expect(parsePointInTime("30s", now)).toBe(now - 30_000);
    expect(parsePointInTime(" 15m ", now)).toBe(now - 900_000);
    expect(parsePointInTime("24h", now)).toBe(now - 86_400_000);
    expect(parsePointInTime("7d", now)).toBe(now - 604_800_000);
    expect(parsePointInTime("2w", now)).toBe(now - 1_209_600_000);
  });

  it("takes an ISO-8601 time", () => {
    expect(parsePointInTime("2026-11-01T00:00:00Z", now)).toBe(Date.parse("2026-11-01T00:00:00Z"));
  });

  it("refuses what Date.parse would guess at, and unknown units", () => {
    for (const value of ["5", "May", "10y", "", "yesterday"])
      expect(parsePointInTime(value, now)).toBeUndefined();
  });
});
