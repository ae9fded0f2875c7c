import { describe, expect, it } from "vitest";
import { RecentDecisions } from "./recent-decisions.js";

describe("RecentDecisions", () => {
  it("remembers up to its capacity and forgets the oldest first", () => {
    const memory = new RecentDecisions(3);
    memory.remember("a", true);
    memory.remember("b", false);
    memory.remember("c", true);
    memory.remember("b", true);
    expect(memory.size).toBe(3);
    memory.remember("d", false);
    expect(memory.has("a")).toBe(false);
    expect([memory.get("b"), memory.get("c"), memory.get("d")]).toEqual([true, true, false]);
    memory.remember("e", true);
    expect(memory.has("b")).toBe(false);
    expect(memory.size).toBe(3);
  });
});
