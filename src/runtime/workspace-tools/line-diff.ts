import { lineDiff, splitLines } from "../../core/index.js";

// What a scoped edit changed, for the diff-size limit and for reading what an edit removed and added:
// the removed and added lines of core's Myers line diff (past `maxEdits` the changed middle counts as
// wholly replaced: an upper bound, which only ever makes the diff-size limit stricter).

export { splitLines };

export interface DiffLine {
  /** 0-based line number: in the old text for removed lines, in the new text for added ones. */
  line: number;
  text: string;
}

export interface LineDiff {
  removed: DiffLine[];
  added: DiffLine[];
  /** removed + added: what the diff-size limit counts. */
  changedLines: number;
}

/** The lines removed from `before` and added in `after` (a shortest edit script, bounded by `maxEdits`). */
export function diffLines(before: string, after: string, maxEdits = 2_000): LineDiff {
  const removed: DiffLine[] = [];
  const added: DiffLine[] = [];
  for (const line of lineDiff(before, after, maxEdits)) {
    if (line.op === "remove") removed.push({ line: line.oldLine! - 1, text: line.text });
    else if (line.op === "add") added.push({ line: line.newLine! - 1, text: line.text });
  }
  return { removed, added, changedLines: removed.length + added.length };
}
