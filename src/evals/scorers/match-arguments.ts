import type { JsonValue } from "../../core/index.js";
import { jsonEquals } from "./output-values.js";

// The `tool-called` scorer's argument matcher. Expected arguments are a subset: every key given must
// match, extra keys in the call are fine. A string written `/…/` is a regular expression tested on the
// actual value (numbers and booleans as their text); arrays match element by element and must have the
// same length; anything else must be equal (strings trimmed).

function regexOf(value: string): RegExp | undefined {
  if (value.length < 2 || !value.startsWith("/") || !value.endsWith("/")) return undefined;
  return new RegExp(value.slice(1, -1));
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `actual` matches the expected subset. */
export function argumentsMatch(expected: JsonValue, actual: JsonValue | undefined): boolean {
  if (actual === undefined) return false;
  if (typeof expected === "string") {
    const pattern = regexOf(expected);
    if (pattern) return typeof actual !== "object" || actual === null ? pattern.test(String(actual)) : false;
  }
  if (isObject(expected)) {
    return (
      isObject(actual) && Object.entries(expected).every(([key, value]) => argumentsMatch(value, actual[key]))
    );
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((value, index) => argumentsMatch(value, actual[index]))
    );
  }
  return jsonEquals(expected, actual);
}

/** Each `/…/` string in expected arguments that is not a valid regular expression, with its path. */
export function regexArgumentProblems(
  expected: JsonValue,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; message: string }[] {
  if (typeof expected === "string") {
    try {
      regexOf(expected);
      return [];
    } catch (error) {
      return [{ path, message: `an invalid regular expression: ${(error as Error).message}` }];
    }
  }
  if (Array.isArray(expected))
    return expected.flatMap((value, index) => regexArgumentProblems(value, [...path, index]));
  if (isObject(expected)) {
    return Object.entries(expected).flatMap(([key, value]) => regexArgumentProblems(value, [...path, key]));
  }
  return [];
}
