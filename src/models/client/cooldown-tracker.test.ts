import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import { CooldownTracker } from "./cooldown-tracker.js";

const policy = { windowMs: 60_000, failureRate: 0.5, minCalls: 4, durationMs: 30_000 };

describe("CooldownTracker", () => {
  it("cools a deployment down when more than half of at least minCalls calls failed in the window", () => {
    const clock = new ManualClock();
    const tracker = new CooldownTracker(policy, clock);
    tracker.record("a:m", true);
    tracker.record("a:m", false);
    tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(false); // 2 of 3: too few calls for a verdict
    tracker.record("a:m", false);
    expect(tracker.isCooling("a:m")).toBe(false); // 2 of 4 = 50%: not more than half
    tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(true); // 3 of 5 = 60%
    expect(tracker.state("a:m")).toEqual({
      until: clock.now() + 30_000,
      reason: expect.stringContaining("3 of 5"),
    });
  });

  it("ends the cooldown after durationMs and judges the deployment afresh", () => {
    const clock = new ManualClock();
    const tracker = new CooldownTracker(policy, clock);
    for (let call = 0; call < 4; call++) tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(true);
    clock.advance(29_999);
    expect(tracker.isCooling("a:m")).toBe(true);
    clock.advance(1);
    expect(tracker.isCooling("a:m")).toBe(false);
    tracker.record("a:m", true); // one failure after the cooldown is not a verdict: the window restarted
    expect(tracker.isCooling("a:m")).toBe(false);
    expect(tracker.windowOf("a:m")).toEqual({ calls: 1, failures: 1 });
  });

  it("forgets outcomes older than the window", () => {
    const clock = new ManualClock();
    const tracker = new CooldownTracker(policy, clock);
    tracker.record("a:m", true);
    tracker.record("a:m", true);
    tracker.record("a:m", true);
    clock.advance(60_000);
    tracker.record("a:m", true);
    expect(tracker.windowOf("a:m")).toEqual({ calls: 1, failures: 1 });
    expect(tracker.isCooling("a:m")).toBe(false);
  });

  it("keeps deployments apart", () => {
    const tracker = new CooldownTracker(policy, new ManualClock());
    for (let call = 0; call < 4; call++) tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(true);
    expect(tracker.isCooling("b:m")).toBe(false);
  });

  it("cools down at once when told to, and never shortens a longer cooldown", () => {
    const clock = new ManualClock();
    const tracker = new CooldownTracker(policy, clock);
    tracker.coolDown("a:m", 60_000, "AUTHENTICATION_FAILED");
    tracker.coolDown("a:m", 5_000, "short");
    expect(tracker.state("a:m")).toEqual({ until: clock.now() + 60_000, reason: "AUTHENTICATION_FAILED" });
    tracker.coolDown("b:m");
    expect(tracker.state("b:m")?.until).toBe(clock.now() + 30_000);
  });

  it("needs minCalls even when every call failed", () => {
    const tracker = new CooldownTracker({ ...policy, minCalls: 10 }, new ManualClock());
    for (let call = 0; call < 9; call++) tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(false);
    tracker.record("a:m", true);
    expect(tracker.isCooling("a:m")).toBe(true);
  });
});
