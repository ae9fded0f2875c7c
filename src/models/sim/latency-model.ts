import type { SimLatency } from "../../core/index.js";
import type { SeededRandom } from "./seeded-random.js";

// z-score of the 95th percentile of a standard normal distribution.
const z95 = 1.6448536269514722;
// Without a configured chunk delay, each chunk takes this share of the first-token delay: roughly
// what hosted models show (0.5-1 s to first token, then 20-50 ms per chunk).
const defaultChunkShare = 0.04;

/** Sigma of a lognormal whose median and 95th percentile are given: ln(p95 / median) / 1.645. */
export function lognormalSigma(medianMs: number, p95Ms: number): number {
  return Math.log(p95Ms / medianMs) / z95;
}

/** Samples one time-to-first-token in milliseconds; pure, so its distribution can be tested without sleeping. */
export function sampleLatencyMs(latency: SimLatency, random: SeededRandom): number {
  switch (latency.kind) {
    case "none":
      return 0;
    case "fixed":
      return latency.ms;
    case "normal":
      return sampleTruncatedNormal(latency.meanMs, latency.stdDevMs, random);
    case "lognormal": {
      const sigma = lognormalSigma(latency.medianMs, latency.p95Ms);
      return latency.medianMs * Math.exp(sigma * random.standardNormal());
    }
  }
}

// Truncated, not clamped: negative draws are redrawn so no mass piles up at exactly 0 ms.
function sampleTruncatedNormal(meanMs: number, stdDevMs: number, random: SeededRandom): number {
  for (let attempt = 0; attempt < 32; attempt++) {
    const value = meanMs + stdDevMs * random.standardNormal();
    if (value >= 0) return value;
  }
  return 0;
}

/** Delay between two stream chunks: the configured `chunkMs`, else a small share of the first-token delay. */
export function chunkDelayMs(latency: SimLatency, firstTokenMs: number): number {
  if (latency.kind === "none") return 0;
  return latency.chunkMs ?? firstTokenMs * defaultChunkShare;
}
