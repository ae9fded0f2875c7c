import { describe, expect, it } from "vitest";
import { backoffDelayMs, planRetry } from "./backoff.js";

const policy = { initialBackoffMs: 250, maxBackoffMs: 8_000, maxRetryAfterWaitMs: 5_000 };
const fixed = (value: number) => () => value;

describe("backoffDelayMs", () => {
  it("doubles from the initial backoff and stops at the cap (random at its top)", () => {
    const top = fixed(0.999_999);
    const delays = [0, 1, 2, 3, 4, 5, 6, 10, 40].map((retry) => backoffDelayMs(retry, policy, "full", top));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
  });

  it("full jitter spreads over [0, backoff)", () => {
    expect(backoffDelayMs(2, policy, "full", fixed(0))).toBe(0);
    expect(backoffDelayMs(2, policy, "full", fixed(0.5))).toBe(500);
    expect(backoffDelayMs(2, policy, "full", fixed(0.25))).toBe(250);
  });

  it("equal jitter keeps at least half the backoff", () => {
    expect(backoffDelayMs(2, policy, "equal", fixed(0))).toBe(500);
    expect(backoffDelayMs(2, policy, "equal", fixed(0.5))).toBe(750);
    expect(backoffDelayMs(5, policy, "equal", fixed(0))).toBe(4_000);
  });

  it("clamps a random source that strays outside [0, 1]", () => {
    expect(backoffDelayMs(0, policy, "full", fixed(7))).toBe(250);
    expect(backoffDelayMs(0, policy, "full", fixed(-1))).toBe(0);
  });
});

describe("planRetry", () => {
  const base = {
    retryIndex: 0,
    hasOtherCandidate: true,
    policy,
    jitter: "full" as const,
    random: fixed(0.5),
  };

  it("waits the jittered backoff without a Retry-After", () => {
    expect(planRetry({ ...base, retryAfterMs: undefined })).toEqual({ kind: "wait", waitMs: 125 });
  });

  it("treats Retry-After as a floor, even above maxBackoffMs", () => {
    expect(planRetry({ ...base, retryAfterMs: 2_000 })).toEqual({ kind: "wait", waitMs: 2_000 });
    const lowCap = { ...policy, maxBackoffMs: 100 };
    expect(planRetry({ ...base, policy: lowCap, retryAfterMs: 4_000 })).toEqual({
      kind: "wait",
      waitMs: 4_000,
    });
  });

  it("keeps the backoff when it is longer than the Retry-After", () => {
    expect(planRetry({ ...base, retryIndex: 4, retryAfterMs: 1_000 })).toEqual({
      kind: "wait",
      waitMs: 2_000,
    });
  });

  it("fails over at once on a Retry-After above maxRetryAfterWaitMs", () => {
    expect(planRetry({ ...base, retryAfterMs: 30_000 })).toEqual({ kind: "failover", retryAfterMs: 30_000 });
  });

  it("gives up (with the time to retry) on a long Retry-After when no candidate is left", () => {
    expect(planRetry({ ...base, hasOtherCandidate: false, retryAfterMs: 30_000 })).toEqual({
      kind: "give-up",
      retryAfterMs: 30_000,
    });
  });

  it("waits out a Retry-After exactly at the limit", () => {
    expect(planRetry({ ...base, retryAfterMs: 5_000 })).toEqual({ kind: "wait", waitMs: 5_000 });
  });
});
