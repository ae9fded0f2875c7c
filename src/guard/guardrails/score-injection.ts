import { findHiddenText, normalizeForInjection } from "./hidden-text.js";
import { type InjectionPattern, injectionPatterns } from "./injection-patterns.js";

// A heuristic score for prompt injection in text a model will read but nobody vetted (tool outputs,
// retrieved pages, emails). Probabilistic defence in depth: it flags the common phrasings, hidden text and
// encoded payloads; it will miss novel attacks and must never be the only thing between a model and a
// destructive tool. The policy decision point is.

export interface InjectionSignal {
  /** `injection.ignore-instructions`, `injection.tool-coercion`, `injection.exfiltration`… */
  kind: string;
  score: number;
  /** Offsets into the scored text; absent for signals found in its normalised or decoded form. */
  start?: number;
  end?: number;
}

export interface InjectionScore {
  /** 0..1: signals of different kinds combined as a noisy-OR of each kind's strongest signal. */
  score: number;
  signals: InjectionSignal[];
}

const maxSignals = 50;
const maxBase64Blobs = 16;
// Long enough that words and ids do not qualify; capped so one blob costs bounded work.
const base64Blob = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{32,4096}={0,2}/g;

function matchPatterns(
  text: string,
  patterns: readonly InjectionPattern[],
  withOffsets: boolean,
): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  for (const entry of patterns) {
    const pattern = entry.pattern;
    pattern.lastIndex = 0;
    let found = 0;
    for (let match = pattern.exec(text); match !== null && found < 10; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      found++;
      const score = entry.weigh?.(match) ?? entry.weight;
      signals.push(
        withOffsets
          ? { kind: entry.kind, score, start: match.index, end: match.index + match[0].length }
          : { kind: entry.kind, score },
      );
    }
    pattern.lastIndex = 0;
  }
  return signals;
}

/** Noisy-OR over kinds: two different weak signals add up, ten matches of one phrase do not. */
export function combineSignals(signals: readonly InjectionSignal[]): number {
  const strongest = new Map<string, number>();
  for (const signal of signals)
    strongest.set(signal.kind, Math.max(strongest.get(signal.kind) ?? 0, signal.score));
  let clean = 1;
  for (const score of strongest.values()) clean *= 1 - Math.min(score, 0.99);
  return Math.round((1 - clean) * 1000) / 1000;
}

function printableShare(text: string): number {
  if (text.length === 0) return 0;
  let printable = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x0d || code === 0x09) printable++;
  }
  return printable / text.length;
}

// Base64 that decodes to readable text which itself reads as an injection: one level deep, bounded.
function encodedSignals(text: string): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  base64Blob.lastIndex = 0;
  let blobs = 0;
  for (
    let match = base64Blob.exec(text);
    match !== null && blobs < maxBase64Blobs;
    match = base64Blob.exec(text)
  ) {
    blobs++;
    const decoded = Buffer.from(match[0], "base64").toString("latin1");
    if (printableShare(decoded) < 0.9) continue;
    const inner = combineSignals(matchPatterns(decoded, injectionPatterns, false));
    if (inner >= 0.4) {
      signals.push({
        kind: "injection.encoded-instructions",
        score: Math.max(0.75, inner),
        start: match.index,
        end: match.index + match[0].length,
      });
    }
  }
  base64Blob.lastIndex = 0;
  return signals;
}

function hiddenSignals(text: string): InjectionSignal[] {
  const hidden = findHiddenText(text);
  const signals: InjectionSignal[] = [];
  if (hidden.tags > 0) {
    // Tag characters have no business in prose; what they spell is scored as well.
    const inner = combineSignals(matchPatterns(hidden.tagText, injectionPatterns, false));
    signals.push({ kind: "injection.hidden-text", score: Math.max(0.8, inner) });
  }
  if (hidden.zeroWidth > 0) {
    signals.push({
      kind: "injection.hidden-text",
      score: hidden.zeroWidth >= 20 ? 0.55 : hidden.zeroWidth >= 5 ? 0.35 : 0.15,
    });
  }
  if (hidden.bidi > 0) signals.push({ kind: "injection.hidden-text", score: 0.35 });
  return signals;
}

// HTML comments are invisible on the rendered page; one that reads as instructions is a classic carrier.
const htmlComment = /<!--([\s\S]{0,2000}?)-->/g;

function commentSignals(text: string): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  htmlComment.lastIndex = 0;
  for (
    let match = htmlComment.exec(text);
    match !== null && signals.length < 10;
    match = htmlComment.exec(text)
  ) {
    const inner = combineSignals(matchPatterns(match[1] ?? "", injectionPatterns, false));
    if (inner >= 0.4) {
      signals.push({
        kind: "injection.hidden-text",
        score: 0.6,
        start: match.index,
        end: match.index + match[0].length,
      });
    }
  }
  htmlComment.lastIndex = 0;
  return signals;
}

/** Scores `text` for prompt injection: 0..1 and the signals behind it (heuristic; see the guide's limits). */
export function scoreInjection(text: string): InjectionScore {
  const signals = [
    ...matchPatterns(text, injectionPatterns, true),
    ...hiddenSignals(text),
    ...commentSignals(text),
  ];
  if (text.length >= 32) signals.push(...encodedSignals(text));
  // Invisible characters, full-width letters and look-alikes can break up a phrase; read the cleaned text too.
  const normalized = normalizeForInjection(text);
  if (normalized !== text) {
    const seen = new Set(signals.map((signal) => signal.kind));
    signals.push(
      ...matchPatterns(normalized, injectionPatterns, false).filter((signal) => !seen.has(signal.kind)),
    );
  }
  return { score: combineSignals(signals), signals: signals.slice(0, maxSignals) };
}
