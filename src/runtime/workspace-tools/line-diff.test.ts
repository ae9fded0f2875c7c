import { describe, expect, it } from "vitest";
import { diffLines, splitLines } from "./line-diff.js";

describe("diffLines", () => {
  it("counts removed plus added lines, like git's numstat", () => {
    const diff = diffLines("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
    expect(diff.removed).toEqual([{ line: 1, text: "b" }]);
    expect(diff.added).toEqual([
      { line: 1, text: "B" },
      { line: 4, text: "e" },
    ]);
    expect(diff.changedLines).toBe(3);
  });

  it("finds a shortest edit script in the middle of the file", () => {
    const before = ["x", "a", "b", "c", "a", "b", "b", "a", "y"].join("\n");
    const after = ["x", "c", "b", "a", "b", "a", "c", "y"].join("\n");
    // Myers' classic example (ABCABBA → CBABAC) needs 5 edits.
    expect(diffLines(before, after).changedLines).toBe(5);
  });

  it("counts a new file and an emptied one in full", () => {
    expect(diffLines("", "1\n2\n3\n").changedLines).toBe(3);
    expect(diffLines("1\n2\n", "").changedLines).toBe(2);
    expect(diffLines("same\n", "same\n").changedLines).toBe(0);
  });

  it("falls back to an upper bound past maxEdits", () => {
    const before = Array.from({ length: 50 }, (_, index) => `a${index}`).join("\n");
    const after = Array.from({ length: 50 }, (_, index) => `b${index}`).join("\n");
    expect(diffLines(before, after, 10).changedLines).toBe(100);
    expect(diffLines("k\nx\nk", "k\ny\nk", 0).changedLines).toBe(2);
  });

  it("splits on LF and CRLF without a phantom last line", () => {
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
  });
});
