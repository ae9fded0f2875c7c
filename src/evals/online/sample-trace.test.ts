import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isTraceSampled, traceSamplePoint } from "./sample-trace.js";

// 1,000 trace ids shaped like OpenTelemetry's (32 hex), fixed so the test is the same on every run.
const traceIds = Array.from({ length: 1000 }, (_, index) =>
  createHash("md5").update(`trace-${index}`).digest("hex"),
);

describe("trace sampling", () => {
  it("places a trace by the first 8 hex digits of its sha256 over 2^32", () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const prefix = createHash("sha256").update(traceId).digest("hex").slice(0, 8);
    expect(traceSamplePoint(traceId)).toBe(Number.parseInt(prefix, 16) / 2 ** 32);
    expect(traceSamplePoint(traceId)).toBeGreaterThanOrEqual(0);
    expect(traceSamplePoint(traceId)).toBeLessThan(1);
  });

  it("decides the same way every time for the same trace", () => {
    const first = traceIds.map((traceId) => isTraceSampled(traceId, 0.3));
    const second = traceIds.map((traceId) => isTraceSampled(traceId, 0.3));
    expect(second).toEqual(first);
  });

  it.each([0.05, 0.3, 0.5, 0.9])("samples about %s of 1,000 traces (within 20%)", (rate) => {
    const sampled = traceIds.filter((traceId) => isTraceSampled(traceId, rate)).length;
    expect(sampled).toBeGreaterThanOrEqual(Math.floor(1000 * rate * 0.8));
    expect(sampled).toBeLessThanOrEqual(Math.ceil(1000 * rate * 1.2));
  });

  it("nests: a trace sampled at a rate is sampled at every higher rate; 0 takes none and 1 takes all", () => {
    for (const traceId of traceIds) {
      if (isTraceSampled(traceId, 0.2)) expect(isTraceSampled(traceId, 0.6)).toBe(true);
    }
    expect(traceIds.filter((traceId) => isTraceSampled(traceId, 0))).toEqual([]);
    expect(traceIds.filter((traceId) => isTraceSampled(traceId, 1))).toEqual(traceIds);
  });
});
