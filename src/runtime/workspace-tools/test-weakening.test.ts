import { describe, expect, it } from "vitest";
import { findTestWeakening, stripComments } from "./test-weakening.js";

const suite = `import { describe, expect, it } from "vitest";
import { add, parse } from "../src/math.js";

describe("math", () => {
  it("adds", () => {
    expect(add(1, 2)).toBe(3);
    expect(add(-1, 1)).toBe(0);
  });

  it("parses", () => {
    expect(parse("4")).toEqual({ value: 4 });
  });
});
`;

function kinds(after: string) {
  return findTestWeakening(suite, after).map((found) => found.kind);
}

describe("findTestWeakening", () => {
  it("finds nothing in a new file, an unchanged one, or one with a test added", () => {
    expect(findTestWeakening(null, suite)).toEqual([]);
    expect(findTestWeakening(suite, suite)).toEqual([]);
    const added = suite.replace(
      /\n\}\);\n$/,
      `\n  it("subtracts", () => {\n    expect(add(3, -1)).toBeDefined();\n  });\n});\n`,
    );
    expect(added).toContain('it("subtracts"');
    expect(findTestWeakening(suite, added)).toEqual([]);
  });

  it("accepts a changed expected value (fixing a wrong test is not weakening it)", () => {
    expect(findTestWeakening(suite, suite.replace("toBe(3)", "toBe(4)"))).toEqual([]);
  });

  it("names a deleted test", () => {
    const after = suite.replace(/ {2}it\("parses"[\s\S]*?\n {2}\}\);\n/, "");
    const found = findTestWeakening(suite, after);
    expect(found.map((item) => item.kind)).toEqual(["test-deleted", "assertion-removed"]);
    expect(found[0]!.message).toBe('1 test(s) deleted: "parses"');
    expect(found[1]!.message).toContain('`expect(parse("4")).toEqual({ value: 4 });`');
  });

  it("flags new skip and only markers of every spelling", () => {
    expect(kinds(suite.replace('it("adds"', 'it.skip("adds"'))).toEqual(["skip-added"]);
    expect(kinds(suite.replace('it("adds"', 'xit("adds"'))).toEqual(["skip-added"]);
    expect(kinds(suite.replace('describe("math"', 'describe.skip("math"'))).toEqual(["skip-added"]);
    expect(kinds(suite.replace('it("adds"', 'it.todo("adds"'))).toEqual(["skip-added"]);
    expect(kinds(suite.replace('it("parses"', 'it.only("parses"'))).toEqual(["only-added"]);
    expect(kinds(suite.replace('describe("math"', 'fdescribe("math"'))).toEqual(["only-added"]);
  });

  it("names a strong assertion swapped for a loose one", () => {
    const found = findTestWeakening(suite, suite.replace("toBe(3)", "toBeDefined()"));
    expect(found).toEqual([
      {
        kind: "assertion-weakened",
        message:
          "1 assertion(s) weakened to a check that accepts almost anything: `expect(add(1, 2)).toBe(3);` became `expect(add(1, 2)).toBeDefined();`",
      },
    ]);
    expect(kinds(suite.replace("toEqual({ value: 4 })", "toBeTruthy()"))).toEqual(["assertion-weakened"]);
  });

  it("counts a commented-out or deleted expect as a removed assertion", () => {
    expect(kinds(suite.replace("    expect(add(-1, 1)).toBe(0);\n", ""))).toEqual(["assertion-removed"]);
    expect(kinds(suite.replace("    expect(add(-1, 1))", "    // expect(add(-1, 1))"))).toEqual([
      "assertion-removed",
    ]);
  });

  it("flags an assertion that cannot fail", () => {
    expect(kinds(suite.replace("expect(add(1, 2)).toBe(3)", "expect(true).toBe(true)"))).toEqual([
      "assertion-tautological",
    ]);
  });
});

describe("stripComments", () => {
  it("removes comments but not comment-like text in strings, keeping line count", () => {
    const source = 'const url = "http://x"; // gone\n/* a\nb */ expect(1)';
    expect(stripComments(source)).toBe('const url = "http://x"; \n\n expect(1)');
  });
});
