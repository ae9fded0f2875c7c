/** One line of a line diff. */
export interface TextDiffLine {
  op: "equal" | "add" | "remove";
  text: string;
  /** 1-based line numbers in the old and new text (absent on the side the line is not in). */
  oldLine?: number;
  newLine?: number;
}

// A line diff (prompt diffs, scoped edits) by Myers' O(ND) algorithm (the one `git diff` defaults to): the shortest edit script,
// so a one-line change in a long prompt shows as one removed and one added line, not a rewrite.
// The common head and tail are cut first, and each round keeps only the part of the frontier the
// walk back needs.

/** The lines of a text; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Edit =
  | { op: "equal"; oldIndex: number; newIndex: number }
  | { op: "remove"; oldIndex: number }
  | {
      op: "add";
      newIndex: number;
    };

/** Past this many edits the changed middle is shown as wholly replaced, which bounds memory (O(D²)). */
export const maxDiffEdits = 4000;

// The whole of `a` removed, then the whole of `b` added: a correct, if not minimal, script.
function replaceAll(a: readonly string[], b: readonly string[]): Edit[] {
  return [
    ...a.map((_, oldIndex): Edit => ({ op: "remove", oldIndex })),
    ...b.map((_, newIndex): Edit => ({ op: "add", newIndex })),
  ];
}

// The shortest edit script turning `a` into `b`, in order.
function myers(a: readonly string[], b: readonly string[], maxEdits: number): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  // frontier[offset + k]: the furthest x reached on diagonal k (y = x - k) in the current round.
  const frontier = new Int32Array(2 * max + 3);
  // Before round d only diagonals -d-1..d+1 matter, so each round keeps just that slice.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    if (d > maxEdits) return replaceAll(a, b);
    trace.push(frontier.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!);
      let x = down ? frontier[offset + k + 1]! : frontier[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const slice = trace[d]!;
    const at = (k: number) => slice[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      edits.push({ op: "equal", oldIndex: x, newIndex: y });
    }
    if (d > 0) {
      if (down) edits.push({ op: "add", newIndex: previousY });
      else edits.push({ op: "remove", oldIndex: previousX });
    }
    x = previousX;
    y = previousY;
  }
  return edits.reverse();
}

/** The line diff of two texts: every line once, as `equal`, `remove` (old only) or `add` (new only). */
export function lineDiff(oldText: string, newText: string, maxEdits = maxDiffEdits): TextDiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
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
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail), maxEdits);
  const lines: TextDiffLine[] = [];
  const equal = (oldIndex: number, newIndex: number) =>
    lines.push({ op: "equal", text: a[oldIndex]!, oldLine: oldIndex + 1, newLine: newIndex + 1 });
  for (let index = 0; index < head; index++) equal(index, index);
  for (const edit of middle) {
    if (edit.op === "equal") equal(edit.oldIndex + head, edit.newIndex + head);
    else if (edit.op === "remove") {
      lines.push({ op: "remove", text: a[edit.oldIndex + head]!, oldLine: edit.oldIndex + head + 1 });
    } else lines.push({ op: "add", text: b[edit.newIndex + head]!, newLine: edit.newIndex + head + 1 });
  }
  for (let index = tail; index > 0; index--) equal(a.length - index, b.length - index);
  return lines;
}
