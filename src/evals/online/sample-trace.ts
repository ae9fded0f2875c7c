import { createHash } from "node:crypto";

/**
 * Where a trace falls in [0, 1): the first 8 hex digits of sha256(trace id) over 2^32. The same trace
 * lands on the same point in every process and every tick, so sampling needs no shared state.
 */
export function traceSamplePoint(traceId: string): number {
  const prefix = createHash("sha256").update(traceId).digest("hex").slice(0, 8);
  return Number.parseInt(prefix, 16) / 2 ** 32;
}

/** Whether a rule with this sample rate scores the trace. */
export function isTraceSampled(traceId: string, sampleRate: number): boolean {
  return traceSamplePoint(traceId) < sampleRate;
}
