import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { applyEdits } from "./search-replace.js";

describe("applyEdits", () => {
  it("applies edits in order, each to the result of the last", () => {
    const result = applyEdits("a.ts", "const a = 1;\nconst b = 2;\n", [
      { search: "const a = 1;", replace: "const a = 10;" },
      { search: "a = 10", replace: "a = 11" },
    ]);
    expect(result).toBe("const a = 11;\nconst b = 2;\n");
  });

  it("replaces literally ($ patterns are not special) and everywhere with replaceAll", () => {
    expect(applyEdits("a.ts", "x x", [{ search: "x", replace: "$&$&", replaceAll: true }])).toBe("$&$& $&$&");
  });

  it("refuses a missing or ambiguous search, naming the edit", () => {
    const failure = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return GantryError.isInstance(error) ? error : undefined;
      }
      return undefined;
    };
    const missing = failure(() => applyEdits("a.ts", "abc", [{ search: "zzz", replace: "" }]));
    expect(missing).toMatchObject({ code: "WORKSPACE_PATCH_FAILED", details: { edit: 0, occurrences: 0 } });
    const ambiguous = failure(() =>
      applyEdits("a.ts", "x x", [
        { search: "x x", replace: "x x" },
        { search: "x", replace: "y" },
      ]),
    );
    expect(ambiguous?.message).toContain("edits[1].search occurs 2 times");
  });
});
