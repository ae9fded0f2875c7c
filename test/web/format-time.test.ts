import { describe, expect, it } from "vitest";
import { formatAbsoluteTime, formatRelativeTime } from "../../web/src/format/format-time.js";

describe("formatRelativeTime", () => {
  const now = Date.UTC(2025, 2, 14, 12, 0, 0);

  it("counts in the largest whole unit", () => {
    expect(formatRelativeTime(now - 2_000, now)).toBe("just now");
    expect(formatRelativeTime(now - 42_000, now)).toBe("42 s ago");
    expect(formatRelativeTime(now - 5 * 60_000 - 59_000, now)).toBe("5 min ago");
    expect(formatRelativeTime(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(formatRelativeTime(now - 2 * 86_400_000, now)).toBe("2 d ago");
  });

  it("reads a time slightly in the future as just now", () => {
    expect(formatRelativeTime(now + 1_500, now)).toBe("just now");
  });

  it("gives the date for anything older than a month", () => {
    expect(formatRelativeTime(now - 40 * 86_400_000, now)).toMatch(/^2025-02-0[2-3]$/);
  });
});

describe("formatAbsoluteTime", () => {
  it("prints local date and time to the second", () => {
    const local = new Date(2025, 0, 5, 9, 7, 3).getTime();
    expect(formatAbsoluteTime(local)).toBe("2025-01-05 09:07:03");
    expect(formatAbsoluteTime(Number.NaN)).toBe("unknown time");
  });
});
