import { describe, expect, it } from "vitest";
import { GantryError, type JsonValue } from "../../core/index.js";
import { evaluateJsonPath, formatJsonPath, jsonPathProblem, parseJsonPath } from "./json-path.js";

describe("parseJsonPath", () => {
  it("reads the root, names, quoted names, indexes and wildcards", () => {
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath('$.a["b c"][0][*].d_1')).toEqual([
      { kind: "property", name: "a" },
      { kind: "property", name: "b c" },
      { kind: "index", index: 0 },
      { kind: "wildcard" },
      { kind: "property", name: "d_1" },
    ]);
    expect(parseJsonPath("$['it\\'s']")).toEqual([{ kind: "property", name: "it's" }]);
    expect(parseJsonPath('$["a\\"b"]')).toEqual([{ kind: "property", name: 'a"b' }]);
  });

  it("says where a path goes wrong", () => {
    expect(jsonPathProblem("category")).toBe("a JSON path starts with '$'");
    expect(jsonPathProblem("$.")).toMatch(/field name after '\.' at position 1/);
    expect(jsonPathProblem("$.a..b")).toMatch(/position 3/);
    expect(jsonPathProblem("$[01]")).toMatch(/expected an index/);
    expect(jsonPathProblem("$[-1]")).toMatch(/expected an index/);
    expect(jsonPathProblem('$["a]')).toMatch(/never closed/);
    expect(jsonPathProblem("$[*")).toMatch(/expected '\]'/);
    expect(jsonPathProblem("$a")).toMatch(/unexpected 'a' at position 1/);
    expect(jsonPathProblem("$.a[0]")).toBeUndefined();
    let error: unknown;
    try {
      parseJsonPath("$.a b");
    } catch (caught) {
      error = caught;
    }
    expect(GantryError.isInstance(error) && error.code).toBe("PROMPT_JSON_PATH_INVALID");
  });

  it("formats back to the same path, quoting names that are not identifiers", () => {
    for (const path of ["$", "$.a.b", '$.a["b c"][2][*].id', '$["1st"]']) {
      expect(formatJsonPath(parseJsonPath(path))).toBe(path);
    }
    expect(formatJsonPath(parseJsonPath("$['x']"))).toBe("$.x");
  });
});

describe("evaluateJsonPath", () => {
  const value: JsonValue = {
    category: "refund",
    "odd key": 1,
    items: [{ id: "a" }, { id: "b", tags: [] }, { name: "c" }],
    empty: [],
    nothing: null,
  };

  it("finds a field, the root and a quoted name", () => {
    expect(evaluateJsonPath(value, "$.category")).toEqual([
      { path: "$.category", found: true, value: "refund" },
    ]);
    expect(evaluateJsonPath(value, "$")).toEqual([{ path: "$", found: true, value }]);
    expect(evaluateJsonPath(value, '$["odd key"]')).toEqual([
      { path: '$["odd key"]', found: true, value: 1 },
    ]);
    expect(evaluateJsonPath(value, "$.nothing")).toEqual([{ path: "$.nothing", found: true, value: null }]);
  });

  it("reports a missing field with the path it was looked for at", () => {
    expect(evaluateJsonPath(value, "$.confidence")).toEqual([{ path: "$.confidence", found: false }]);
    expect(evaluateJsonPath(value, "$.category.x")).toEqual([{ path: "$.category.x", found: false }]);
    expect(evaluateJsonPath(value, "$.items[5].id")).toEqual([{ path: "$.items[5].id", found: false }]);
    expect(evaluateJsonPath(value, "$.category[0]")).toEqual([{ path: "$.category[0]", found: false }]);
  });

  it("fans out over every element for [*], naming each element's index", () => {
    expect(evaluateJsonPath(value, "$.items[*].id")).toEqual([
      { path: "$.items[0].id", found: true, value: "a" },
      { path: "$.items[1].id", found: true, value: "b" },
      { path: "$.items[2].id", found: false },
    ]);
    expect(evaluateJsonPath(value, "$.items[1].id")).toEqual([
      { path: "$.items[1].id", found: true, value: "b" },
    ]);
    expect(evaluateJsonPath(value, "$.empty[*].id")).toEqual([]);
    expect(evaluateJsonPath(value, "$.category[*]")).toEqual([{ path: "$.category[*]", found: false }]);
  });

  it("does not treat inherited properties as fields", () => {
    expect(evaluateJsonPath({}, "$.toString")).toEqual([{ path: "$.toString", found: false }]);
  });
});
