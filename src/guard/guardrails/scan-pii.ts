import type { PiiDetector, PiiSpan } from "./pii-detector-spec.js";
import { defaultPiiDetectors } from "./pii-detectors.js";

// Runs every detector over a text and keeps one finding per stretch of text. Each detector's pattern has
// bounded quantifiers only, so a scan is linear in the text's length whatever the input.

export interface PiiScanOptions {
  detectors?: readonly PiiDetector[];
  /** Findings scoring below this are dropped before overlaps are resolved (default 0.5). */
  minScore?: number;
}

export const defaultPiiMinScore = 0.5;

/** What one pass found: scored spans (not yet de-overlapped) and the extent of every regex match. */
export interface PiiCandidates {
  spans: PiiSpan[];
  /** Start and end of every raw match, kept or not: streaming never cuts inside one. */
  matches: Array<{ start: number; end: number }>;
}

/** Runs each detector from `from` to the end of `text` (earlier characters serve as lookbehind only). */
export function collectPiiCandidates(
  text: string,
  from: number,
  detectors: readonly PiiDetector[],
  minScore: number,
  keepMatches: boolean,
): PiiCandidates {
  const spans: PiiSpan[] = [];
  const matches: Array<{ start: number; end: number }> = [];
  for (const detector of detectors) {
    const pattern = detector.pattern;
    pattern.lastIndex = from;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const end = match.index + match[0].length;
      // A pattern that can match nothing would loop forever on the same index.
      if (end === match.index) {
        pattern.lastIndex++;
        continue;
      }
      if (keepMatches) matches.push({ start: match.index, end });
      const verdict = detector.verdict(match, text);
      if (verdict === undefined || verdict.score < minScore) continue;
      spans.push({
        kind: detector.kind,
        detector: detector.name,
        start: verdict.start ?? match.index,
        end: verdict.end ?? end,
        score: verdict.score,
      });
    }
    pattern.lastIndex = 0;
  }
  return { spans, matches };
}

/**
 * Keeps one span per overlapping stretch: the higher score, then the longer, then the detector listed
 * first. Only overlapping spans interact, so text split where no span crosses resolves the same way.
 */
export function resolvePiiOverlaps(spans: readonly PiiSpan[], detectors: readonly PiiDetector[]): PiiSpan[] {
  const rank = new Map(detectors.map((detector, index) => [detector.name, index]));
  const rankOf = (span: PiiSpan) => rank.get(span.detector) ?? detectors.length;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || rankOf(a) - rankOf(b));
  const kept: PiiSpan[] = [];
  let current: PiiSpan | undefined;
  for (const span of sorted) {
    if (current === undefined) {
      current = span;
    } else if (span.start < current.end) {
      current = better(current, span, rankOf);
    } else {
      kept.push(current);
      current = span;
    }
  }
  if (current !== undefined) kept.push(current);
  return kept;
}

function better(a: PiiSpan, b: PiiSpan, rankOf: (span: PiiSpan) => number): PiiSpan {
  if (a.score !== b.score) return a.score > b.score ? a : b;
  const lengthA = a.end - a.start;
  const lengthB = b.end - b.start;
  if (lengthA !== lengthB) return lengthA > lengthB ? a : b;
  return rankOf(a) <= rankOf(b) ? a : b;
}

/** Finds likely PII and secrets in `text`: non-overlapping spans in order, each with a 0..1 score. */
export function scanPii(text: string, options: PiiScanOptions = {}): PiiSpan[] {
  const detectors = options.detectors ?? defaultPiiDetectors;
  const { spans } = collectPiiCandidates(text, 0, detectors, options.minScore ?? defaultPiiMinScore, false);
  return resolvePiiOverlaps(spans, detectors);
}
