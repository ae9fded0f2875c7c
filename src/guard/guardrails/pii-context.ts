import { piiContextChars } from "./pii-detector-spec.js";

// Words just before a value change how sure a detector is ("phone: 020 7946 0958" vs a bare digit run).
// Detectors read at most `piiContextChars` characters back, so streaming keeps that much released text.

/** The lowercased text in the window just before `start` (at most `piiContextChars` - 8 characters). */
export function textBefore(text: string, start: number): string {
  return text.slice(Math.max(0, start - (piiContextChars - 8)), start).toLowerCase();
}

/** True when one of the words (a regex over lowercased text) occurs just before `start`. */
export function mentionedBefore(text: string, start: number, words: RegExp): boolean {
  return words.test(textBefore(text, start));
}

/** Candidate ends to try, longest first: the full match, then each separator inside it (trailing groups dropped). */
export function groupBoundaries(value: string, separators: RegExp): number[] {
  const ends = [value.length];
  for (let index = value.length - 1; index > 0; index--) {
    if (separators.test(value[index]!) && !separators.test(value[index - 1]!)) ends.push(index);
  }
  return ends;
}
