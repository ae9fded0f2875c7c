// Line diff for counting changed lines and for reading what an edit removed and added. Common head
// and tail lines are trimmed first, then Myers' O((N+M)·D) algorithm finds a shortest edit script for
// the middle. Past `maxEdits` the middle is reported as wholly replaced: an upper bound, which only
// ever makes the diff-size limit stricter, and keeps memory bounded (the trace is O(D²)).

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

/** Splits text into lines; a final newline does not start another line, and "" has none. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Edit = { kind: "removed"; index: number } | { kind: "added"; index: number };

function myers(a: readonly string[], b: readonly string[], maxEdits: number): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d]!;
    const at = (k: number) => previous[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
    }
    if (down) edits.push({ kind: "added", index: y - 1 });
    else edits.push({ kind: "removed", index: x - 1 });
    x = previousX;
    y = previousY;
  }
  return edits.reverse();
}

/** The lines removed from `before` and added in `after` (a shortest edit script, bounded by `maxEdits`). */
export function diffLines(before: string, after: string, maxEdits = 2_000): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  const edits = myers(middleA, middleB, maxEdits);
  const removed: DiffLine[] = [];
  const added: DiffLine[] = [];
  if (edits === undefined) {
    for (const [index, text] of middleA.entries()) removed.push({ line: head + index, text });
    for (const [index, text] of middleB.entries()) added.push({ line: head + index, text });
  } else {
    for (const edit of edits) {
      if (edit.kind === "removed") removed.push({ line: head + edit.index, text: middleA[edit.index]! });
      else added.push({ line: head + edit.index, text: middleB[edit.index]! });
    }
  }
  return { removed, added, changedLines: removed.length + added.length };
}
