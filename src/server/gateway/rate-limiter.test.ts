import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import { RateLimiter } from "./rate-limiter.js";

describe("RateLimiter", () => {
  it("allows a minute's requests at once, then refills continuously", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 3, keys: {} }, clock);
    const subject = { bucket: "key:a" };
    expect([1, 2, 3].map(() => limiter.take(subject).allowed)).toEqual([true, true, true]);
    const refused = limiter.take(subject);
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterMs: 20_000 });
    clock.advance(19_999);
    expect(limiter.take(subject).allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take(subject)).toEqual({ allowed: true, limit: 3, remaining: 0 });
  });

  it("keeps one bucket per subject and uses the per-key-name limit", () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(
      { requestsPerMinute: 1, keys: { batch: { requestsPerMinute: 2 } } },
      clock,
    );
    expect(limiter.take({ bucket: "key:1" }).allowed).toBe(true);
    expect(limiter.take({ bucket: "key:1" }).allowed).toBe(false);
    expect(limiter.take({ bucket: "key:2" }).allowed).toBe(true);
    const batch = { bucket: "key:3", keyName: "batch" };
    expect([limiter.take(batch).allowed, limiter.take(batch).allowed, limiter.take(batch).allowed]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("treats 0 as unlimited, also as a per-key override of a default", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, keys: {} }, new ManualClock());
    for (let index = 0; index < 1000; index++) expect(limiter.take({ bucket: "x" }).allowed).toBe(true);
    const keyed = new RateLimiter(
      { requestsPerMinute: 1, keys: { ops: { requestsPerMinute: 0 } } },
      new ManualClock(),
    );
    for (let index = 0; index < 10; index++)
      expect(keyed.take({ bucket: "k", keyName: "ops" }).allowed).toBe(true);
  });
});
