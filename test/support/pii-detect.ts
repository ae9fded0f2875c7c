import type { PiiDetector } from "../../src/guard/guardrails/pii-detector-spec.js";
import { scanPii } from "../../src/guard/guardrails/scan-pii.js";

/** The values one detector reports in `text`, as [value, score]. */
export function detect(detector: PiiDetector, text: string, minScore = 0.5): Array<[string, number]> {
  return scanPii(text, { detectors: [detector], minScore }).map((span) => [
    text.slice(span.start, span.end),
    span.score,
  ]);
}

/** Just the values one detector reports in `text` at the default threshold. */
export function detectedValues(detector: PiiDetector, text: string): string[] {
  return detect(detector, text).map(([value]) => value);
}
