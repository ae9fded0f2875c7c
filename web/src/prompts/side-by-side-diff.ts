import type { PromptDiffLine } from "../api/prompts-api.js";

// A line diff (equal / remove / add, in order) laid out in two columns, old on the left and new on the
// right: unchanged lines face each other, and a run of removed lines faces the run of added lines that
// replaced it, pair by pair, so an edited line reads across. The shorter side of a run is padded.

/** One side of a row: a line of that version, or nothing (the other side added or removed a line). */
export interface DiffCell {
  lineNumber: number;
  text: string;
  kind: "equal" | "remove" | "add";
}

export interface DiffRow {
  left: DiffCell | null;
  right: DiffCell | null;
}

function cellOf(line: PromptDiffLine, side: "old" | "new"): DiffCell {
  const lineNumber = (side === "old" ? line.oldLine : line.newLine) ?? 0;
  return { lineNumber, text: line.text, kind: line.op };
}

/** The rows of a side-by-side view of `lines`. */
export function sideBySideRows(lines: readonly PromptDiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.op === "equal") {
      rows.push({ left: cellOf(line, "old"), right: cellOf(line, "new") });
      index += 1;
      continue;
    }
    // One change block: the removed lines, then the added ones (either may be empty), in any order.
    const removed: PromptDiffLine[] = [];
    const added: PromptDiffLine[] = [];
    while (index < lines.length && lines[index]!.op !== "equal") {
      const changed = lines[index]!;
      (changed.op === "remove" ? removed : added).push(changed);
      index += 1;
    }
    for (let offset = 0; offset < Math.max(removed.length, added.length); offset++) {
      const old = removed[offset];
      const next = added[offset];
      rows.push({
        left: old === undefined ? null : cellOf(old, "old"),
        right: next === undefined ? null : cellOf(next, "new"),
      });
    }
  }
  return rows;
}

/** How many lines were added and removed. */
export function diffCounts(lines: readonly PromptDiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((line) => line.op === "add").length,
    removed: lines.filter((line) => line.op === "remove").length,
  };
}
