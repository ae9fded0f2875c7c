import { describe, expect, it } from "vitest";
import { lineDiff, splitLines } from "./line-diff.js";

// Length of the longest common subsequence by dynamic programming: the reference the diff's number
// of equal lines must reach (a diff is minimal exactly when it keeps an LCS).
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = line === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

// A small deterministic generator, so a failing case can be reproduced from its seed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("lineDiff", () => {
  it("shows a changed line as one removal and one addition, with line numbers on each side", () => {
    const diff = lineDiff("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(diff).toEqual([
      { op: "equal", text: "a", oldLine: 1, newLine: 1 },
      { op: "remove", text: "b", oldLine: 2 },
      { op: "add", text: "B", newLine: 2 },
      { op: "equal", text: "c", oldLine: 3, newLine: 3 },
      { op: "add", text: "d", newLine: 4 },
    ]);
  });

  it("handles empty texts on either side", () => {
    expect(lineDiff("", "")).toEqual([]);
    expect(lineDiff("", "x\ny")).toEqual([
      { op: "add", text: "x", newLine: 1 },
      { op: "add", text: "y", newLine: 2 },
    ]);
    expect(lineDiff("x\n", "")).toEqual([{ op: "remove", text: "x", oldLine: 1 }]);
  });

  it("treats CRLF and LF line ends alike and ignores one final newline", () => {
    expect(splitLines("a\r\nb\r\n")).toEqual(["a", "b"]);
    expect(lineDiff("a\r\nb", "a\nb\n").every((line) => line.op === "equal")).toBe(true);
  });

  it("keeps a moved block's surroundings equal instead of rewriting everything", () => {
    const diff = lineDiff("1\n2\n3\n4\n5\n6", "1\n4\n5\n2\n3\n6");
    expect(diff.filter((line) => line.op === "equal").map((line) => line.text)).toHaveLength(4);
    expect(diff[0]).toMatchObject({ op: "equal", text: "1" });
    expect(diff.at(-1)).toMatchObject({ op: "equal", text: "6" });
  });

  it("past maxEdits shows the changed middle as replaced, still reproducing both texts", () => {
    const diff = lineDiff("head\na\nb\nc\ntail", "head\nx\nb\ny\ntail", 1);
    expect(diff.map((line) => `${line.op} ${line.text}`)).toEqual([
      "equal head",
      "remove a",
      "remove b",
      "remove c",
      "add x",
      "add b",
      "add y",
      "equal tail",
    ]);
    // Within the bound the same texts keep their common line.
    expect(
      lineDiff("head\na\nb\nc\ntail", "head\nx\nb\ny\ntail").filter((line) => line.op === "equal"),
    ).toHaveLength(3);
  });

  it("is minimal and reproduces both texts on random inputs", () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const alphabet = ["a", "b", "c", "d"];
      const make = () =>
        Array.from(
          { length: Math.floor(next() * 14) },
          () => alphabet[Math.floor(next() * alphabet.length)]!,
        );
      const a = make();
      const b = make();
      const diff = lineDiff(a.join("\n"), b.join("\n"));
      const old = diff.filter((line) => line.op !== "add");
      const now = diff.filter((line) => line.op !== "remove");
      expect(
        old.map((line) => line.text),
        `round ${round}`,
      ).toEqual(a);
      expect(
        now.map((line) => line.text),
        `round ${round}`,
      ).toEqual(b);
      expect(old.map((line) => line.oldLine)).toEqual(a.map((_, index) => index + 1));
      expect(now.map((line) => line.newLine)).toEqual(b.map((_, index) => index + 1));
      expect(diff.filter((line) => line.op === "equal").length, `round ${round}`).toBe(lcsLength(a, b));
    }
  });
});
