import type { SimFaults } from "../../core/index.js";

/** The faults the sim can inject, named as in the `faults` config. */
export type FaultKind = "rateLimit" | "serverError" | "timeout" | "cutStream" | "malformedChunk";

const faultOrder: readonly FaultKind[] = [
  "rateLimit",
  "serverError",
  "timeout",
  "cutStream",
  "malformedChunk",
];
const streamOnly = new Set<FaultKind>(["cutStream", "malformedChunk"]);

/**
 * The fault for one call, from one uniform draw: each kind owns a slice of [0, 1) as wide as its
 * rate, so each rate holds exactly, and independently of the others. Stream-only faults keep their
 * slice in `generate` mode but inject nothing, so the other rates are the same in both modes.
 */
export function pickFault(
  faults: SimFaults,
  draw: number,
  mode: "generate" | "stream",
): FaultKind | undefined {
  let edge = 0;
  for (const kind of faultOrder) {
    edge += faults[kind];
    if (draw < edge) return mode === "generate" && streamOnly.has(kind) ? undefined : kind;
  }
  return undefined;
}
