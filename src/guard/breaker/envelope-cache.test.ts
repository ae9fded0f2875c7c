import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import type { CostEnvelope } from "./breaker-spec.js";
import { createEnvelopeCache } from "./envelope-cache.js";

const envelope: CostEnvelope = { p50Micros: 1, p95Micros: 2, source: "learned", samples: 20 };

describe("envelope cache", () => {
  it("reads once per key per minute, shares a pending read, and caches 'no envelope' too", async () => {
    const clock = new ManualClock();
    const cache = createEnvelopeCache(clock);
    let reads = 0;
    const learn = async () => {
      reads++;
      return reads === 1 ? undefined : envelope;
    };
    const [first, second] = await Promise.all([cache.get("a", learn), cache.get("a", learn)]);
    expect([first, second, reads]).toEqual([undefined, undefined, 1]);
    clock.advance(59_999);
    expect(await cache.get("a", learn)).toBeUndefined();
    expect(reads).toBe(1);
    clock.advance(1);
    expect(await cache.get("a", learn)).toEqual(envelope);
    expect(reads).toBe(2);
    expect(await cache.get("b", learn)).toEqual(envelope);
    expect(reads).toBe(3);
  });

  it("does not keep a failed read", async () => {
    const cache = createEnvelopeCache(new ManualClock());
    await expect(cache.get("a", async () => Promise.reject(new Error("store down")))).rejects.toThrow(
      "store down",
    );
    expect(await cache.get("a", async () => envelope)).toEqual(envelope);
  });
});
