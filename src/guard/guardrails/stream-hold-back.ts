import type { PiiDetector } from "./pii-detector-spec.js";

// How much of a stream's tail must wait. A detector's match is made only of its alphabet's characters and
// reads at most maxLength characters from where it starts, so a match still in progress starts inside the
// tail run of alphabet characters, no further back than maxLength. Everything before the earliest such
// start is settled: scanning it again with more text after it finds the same matches.

const tables = new WeakMap<PiiDetector, Uint8Array>();

function alphabetTable(detector: PiiDetector): Uint8Array {
  let table = tables.get(detector);
  if (table === undefined) {
    table = new Uint8Array(128);
    for (let code = 0; code < 128; code++)
      table[code] = detector.alphabet.test(String.fromCharCode(code)) ? 1 : 0;
    tables.set(detector, table);
  }
  return table;
}

/** The earliest position in `text` (at least `from`) where a match could still grow with more text. */
export function unsettledStart(text: string, from: number, detectors: readonly PiiDetector[]): number {
  let earliest = text.length;
  for (const detector of detectors) {
    const table = alphabetTable(detector);
    const limit = Math.max(from, text.length - detector.maxLength);
    let start = text.length;
    while (start > limit) {
      const code = text.charCodeAt(start - 1);
      if (code >= 128 || table[code] === 0) break;
      start--;
    }
    if (start < earliest) earliest = start;
  }
  return earliest;
}

/** The last position at or before `limit` that no match straddles (a cut there splits no value). */
export function cutOutsideMatches(
  limit: number,
  from: number,
  matches: ReadonlyArray<{ start: number; end: number }>,
): number {
  let cut = limit;
  let moved = true;
  while (moved && cut > from) {
    moved = false;
    for (const match of matches) {
      if (match.start < cut && cut < match.end) {
        cut = match.start;
        moved = true;
      }
    }
  }
  return Math.max(cut, from);
}

// A placeholder being written out, `[EMAIL_1` or just `[`: restoring it needs the closing bracket.
const partialPlaceholder = /\[[A-Z]{0,6}(?:_[0-9]{0,7})?$/;

/** Where a trailing, possibly unfinished placeholder starts (or `text.length` when there is none). */
export function partialPlaceholderStart(text: string): number {
  const open = text.lastIndexOf("[");
  if (open === -1 || text.length - open > 16) return text.length;
  return partialPlaceholder.test(text.slice(open)) ? open : text.length;
}
