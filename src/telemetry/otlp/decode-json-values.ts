import { z } from "zod";
import type { JsonValue } from "../../core/index.js";
import { maximumValueDepth, type OtlpAttributes, setAttribute } from "./otlp-span.js";

// OTLP/JSON common/v1 values: AnyValue (a one-of object such as {"intValue": "3"}), KeyValue lists.
// AnyValue is recursive and hot, so it is checked by a plain function inside a zod transform: zod keeps
// the issue paths and messages uniform, the function keeps recursion bounded and allocation low.

export type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

const int64Pattern = /^-?\d+$/;
const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;
const int64Minimum = -(1n << 63n);
const int64Maximum = (1n << 63n) - 1n;
const maximumSafe = BigInt(Number.MAX_SAFE_INTEGER);

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** An int64 as OTLP/JSON sends it (a decimal string or a number) as a number when exact, else a string. */
export function int64FromJson(value: unknown, path: () => Path, report: Report): JsonValue {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    if (Number.isInteger(value)) return BigInt(value).toString();
  } else if (typeof value === "string" && int64Pattern.test(value)) {
    if (value.length < 16) return Number(value);
    const exact = BigInt(value);
    if (exact >= int64Minimum && exact <= int64Maximum) {
      return exact <= maximumSafe && exact >= -maximumSafe ? Number(exact) : exact.toString();
    }
    report(path(), `expected an int64, got ${describe(value)} (out of range)`);
    return null;
  }
  report(path(), `expected an int64 (a decimal string or an integer), got ${describe(value)}`);
  return null;
}

function doubleFromJson(value: unknown, path: () => Path, report: Report): JsonValue {
  if (typeof value === "number") return value;
  if (value === "NaN" || value === "Infinity" || value === "-Infinity") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  report(path(), `expected a double (a number, "NaN", "Infinity" or "-Infinity"), got ${describe(value)}`);
  return null;
}

/**
 * Converts one OTLP/JSON AnyValue to JSON, reporting type errors with their path. `path` is a stack
 * the walk pushes to and pops from, so the happy path allocates no path arrays.
 */
export function anyValueFromJson(input: unknown, path: Path, report: Report, depth: number): JsonValue {
  if (input === null || input === undefined) return null;
  if (typeof input !== "object" || Array.isArray(input)) {
    report([...path], `expected an AnyValue object such as {"stringValue": "…"}, got ${describe(input)}`);
    return null;
  }
  const value = input as Record<string, unknown>;
  if (value.stringValue !== undefined && value.stringValue !== null) {
    if (typeof value.stringValue === "string") return value.stringValue;
    report([...path, "stringValue"], `expected a string, got ${describe(value.stringValue)}`);
    return null;
  }
  if (value.boolValue !== undefined && value.boolValue !== null) {
    if (typeof value.boolValue === "boolean") return value.boolValue;
    report([...path, "boolValue"], `expected true or false, got ${describe(value.boolValue)}`);
    return null;
  }
  if (value.intValue !== undefined && value.intValue !== null) {
    return int64FromJson(value.intValue, () => [...path, "intValue"], report);
  }
  if (value.doubleValue !== undefined && value.doubleValue !== null) {
    return doubleFromJson(value.doubleValue, () => [...path, "doubleValue"], report);
  }
  if (value.arrayValue !== undefined && value.arrayValue !== null) {
    return nested(value.arrayValue, "arrayValue", path, report, depth, (items) => {
      const result: JsonValue[] = [];
      for (let index = 0; index < items.length; index++) {
        path.push(index);
        result.push(anyValueFromJson(items[index], path, report, depth + 1));
        path.pop();
      }
      return result;
    });
  }
  if (value.kvlistValue !== undefined && value.kvlistValue !== null) {
    return nested(value.kvlistValue, "kvlistValue", path, report, depth, (entries) =>
      keyValuesFromJson(entries, path, report, depth + 1),
    );
  }
  if (value.bytesValue !== undefined && value.bytesValue !== null) {
    if (typeof value.bytesValue === "string" && base64Pattern.test(value.bytesValue)) return value.bytesValue;
    report([...path, "bytesValue"], `expected base64 text, got ${describe(value.bytesValue)}`);
    return null;
  }
  return null;
}

/** An arrayValue or kvlistValue: `{"values": [...]}`, walked by `walk` with the path at its values. */
function nested(
  container: unknown,
  name: string,
  path: Path,
  report: Report,
  depth: number,
  walk: (values: unknown[]) => JsonValue,
): JsonValue {
  if (depth >= maximumValueDepth) {
    report([...path, name], `nests deeper than ${maximumValueDepth} levels`);
    return null;
  }
  let values: unknown = (container as { values?: unknown }).values;
  if (typeof container !== "object" || Array.isArray(container)) values = container;
  if (values === undefined || values === null) values = [];
  if (!Array.isArray(values)) {
    report([...path, name], `expected an object with a "values" array, got ${describe(container)}`);
    return null;
  }
  path.push(name, "values");
  const result = walk(values);
  path.pop();
  path.pop();
  return result;
}

function keyValuesFromJson(entries: unknown[], path: Path, report: Report, depth: number): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  // Top-level problems name the attribute's key, which the index alone does not tell a reader.
  let currentKey = "";
  const reportValue: Report =
    depth === 0
      ? (at, message) => report(at, `${message} (attribute ${JSON.stringify(currentKey)})`)
      : report;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (typeof entry !== "object" || entry === null || typeof (entry as { key?: unknown }).key !== "string") {
      report([...path, index], `expected {"key": "…", "value": {…}}, got ${describe(entry)}`);
      continue;
    }
    const { key, value } = entry as { key: string; value?: unknown };
    currentKey = key;
    path.push(index, "value");
    setAttribute(attributes, key, anyValueFromJson(value, path, reportValue, depth));
    path.pop();
    path.pop();
  }
  return attributes;
}

/** Zod schema for a KeyValue list (attributes), producing a key → JSON value record. */
export const attributesSchema = z
  .unknown()
  .optional()
  .transform((input, context): OtlpAttributes => {
    const report: Report = (path, message) => context.addIssue({ code: "custom", message, path });
    if (input === null || input === undefined) return {};
    if (!Array.isArray(input)) {
      report([], `expected an array of {"key", "value"} objects, got ${describe(input)}`);
      return {};
    }
    return keyValuesFromJson(input, [], report, 0);
  });
