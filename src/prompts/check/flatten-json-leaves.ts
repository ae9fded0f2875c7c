import type { JsonValue } from "../../core/index.js";
import { formatJsonPath, type JsonPathSegment } from "./json-path.js";

// Divergence compares outputs field by field. A field is a leaf path of the output with every array
// index written `[*]`, so `$.items[*].id` is one field however many items a case has; its value in a
// case is the list of the element values, in order.

/**
 * The leaf fields of a JSON value: path → its values in order (one value unless the path passes
 * through `[*]`). Scalars are leaves; so are empty objects and arrays, so `[]` and `{}` still count.
 */
export function flattenJsonLeaves(value: JsonValue): Map<string, JsonValue[]> {
  const leaves = new Map<string, JsonValue[]>();
  const visit = (node: JsonValue, segments: JsonPathSegment[]): void => {
    if (Array.isArray(node) && node.length > 0) {
      for (const element of node) visit(element, [...segments, { kind: "wildcard" }]);
      return;
    }
    if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      const entries = Object.entries(node);
      if (entries.length > 0) {
        for (const [name, member] of entries) visit(member, [...segments, { kind: "property", name }]);
        return;
      }
    }
    const path = formatJsonPath(segments);
    const values = leaves.get(path);
    if (values) values.push(node);
    else leaves.set(path, [node]);
  };
  visit(value, []);
  return leaves;
}
