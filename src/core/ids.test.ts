import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import { idTime, newId } from "./ids.js";

describe("newId", () => {
  it("is 26 Crockford characters after an optional prefix", () => {
    expect(newId()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newId("run")).toMatch(/^run_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("sorts by creation even within one millisecond", () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24));
    const ids = Array.from({ length: 500 }, (_, index) => {
      if (index % 100 === 0) clock.advance(1);
      return newId("span", clock);
    });
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("encodes its creation time", () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 12, 30));
    expect(idTime(newId("run", clock))).toBe(Date.UTC(2026, 10, 24, 12, 30));
  });
});
