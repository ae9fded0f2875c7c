import { describe, expect, it } from "vitest";
import { splitPolicies } from "./cedar-split.js";
import { positionAt } from "./source-position.js";

describe("splitPolicies", () => {
  it("finds each policy with its annotations, past comments and strings holding ; and //", () => {
    const text = [
      "// header; with a semicolon",
      '@reason("a; b // not a comment")',
      'permit (principal, action, resource) when { context.environment == "x;\\"y" };',
      "",
      "forbid (principal, action, resource); // trailing; comment",
      "  permit (principal, action, resource);",
    ].join("\n");
    const spans = splitPolicies(text);
    expect(spans.map((span) => positionAt(text, span.start))).toEqual([
      { line: 2, column: 1 },
      { line: 5, column: 1 },
      { line: 6, column: 3 },
    ]);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toMatch(/^@reason.*\};$/s);
    expect(text.slice(spans[2]!.start, spans[2]!.end)).toBe("permit (principal, action, resource);");
  });
});
