import type { JsonValue } from "../../core/index.js";
import { snippet } from "../../prompts/index.js";
import type { ScorerContext } from "../eval-spec.js";
import { binary, type Check, type Verdict } from "./check-scorer.js";
import { jsonEquals, outputJson, valueAt } from "./output-values.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Deep equality of the output (or the field at `path`) with `value`, or with the case's `expected`
// at the same path. A scalar `expected` with a path is taken as the expected value of that field.

function expectedValue(spec: ScorerParams<"equals">, context: ScorerContext): JsonValue | undefined {
  if (spec.value !== undefined) return spec.value;
  const expected = context.testCase.expected;
  if (expected === undefined || spec.path === undefined) return expected;
  const atPath = valueAt(expected, spec.path);
  return atPath === undefined && (expected === null || typeof expected !== "object") ? expected : atPath;
}

function actualValue(
  spec: ScorerParams<"equals">,
  context: ScorerContext,
  expected: JsonValue,
): JsonValue | undefined {
  const { output } = context;
  if (spec.path !== undefined) {
    const json = outputJson(output);
    return json === undefined ? undefined : valueAt(json.value, spec.path);
  }
  // A text answer compared with a JSON expectation is read as JSON.
  if (typeof output.output === "string" && typeof expected !== "string")
    return outputJson(output)?.value ?? output.output;
  return output.output;
}

export function equalsCheck(spec: ScorerParams<"equals">): Check {
  return (context): Verdict => {
    const expected = expectedValue(spec, context);
    if (expected === undefined) {
      return binary(
        false,
        `nothing to compare with: no value given and case ${context.testCase.id} has no expected${spec.path ? ` at ${spec.path}` : ""}`,
      );
    }
    const actual = actualValue(spec, context, expected);
    const where = spec.path ? `${spec.path} ` : "";
    if (actual === undefined)
      return binary(false, `${where}is missing from the output; expected ${snippet(expected)}`);
    return jsonEquals(expected, actual)
      ? binary(true, `${where}equals ${snippet(expected)}`)
      : binary(false, `${where}is ${snippet(actual)}; expected ${snippet(expected)}`);
  };
}
