import type { PromptDiffLine } from "../registry-spec.js";

// A line diff by Myers' O(ND) algorithm (the one `git diff` defaults to): the shortest edit script,
// so a one-line change in a long prompt shows as one removed and one added line, not a rewrite.
// The common head and tail are cut first; prompts are short, so the per-round copies of the
// frontier stay small.

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

// The shortest edit script turning `a` into `b`, in order.
function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  // frontier[offset + k]: the furthest x reached on diagonal k (y = x - k) in the current round.
  const frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(frontier.slice());
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
    const previous = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1]! < previous[offset + k + 1]!);
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[offset + previousK]!;
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
export function lineDiff(oldText: string, newText: string): PromptDiffLine[] {
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
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const lines: PromptDiffLine[] = [];
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
