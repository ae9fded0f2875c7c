import type { JsonValue } from "../../core/index.js";
import { snippet } from "../../prompts/index.js";
import type { ScorerContext } from "../eval-spec.js";
import type { Check, Verdict } from "./check-scorer.js";
import { asText, outputJson, outputText, valueAt } from "./output-values.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Edit-distance similarity with the expected text: 1 − distance / length of the longer text, over
// Unicode code points after trimming. Two empty texts are identical (1). With `maxDistance` the
// trial passes on the distance itself (at most that many edits), the value staying the similarity.

/** Levenshtein distance (insertions, deletions, substitutions) between two texts, by code point. */
export function levenshteinDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** 1 − distance / max length: 1 for equal texts, 0 for nothing in common. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - levenshteinDistance(a, b) / longest;
}

function texts(
  spec: ScorerParams<"levenshtein">,
  context: ScorerContext,
): { actual?: string; expected?: string } {
  let expected: JsonValue | undefined = spec.value ?? context.testCase.expected;
  if (
    spec.value === undefined &&
    spec.path !== undefined &&
    expected !== undefined &&
    typeof expected === "object"
  ) {
    expected = valueAt(expected, spec.path);
  }
  let actual: JsonValue | undefined = outputText(context.output);
  if (spec.path !== undefined) {
    const json = outputJson(context.output);
    actual = json === undefined ? undefined : valueAt(json.value, spec.path);
  }
  return {
    ...(actual === undefined ? {} : { actual: asText(actual).trim() }),
    ...(expected === undefined ? {} : { expected: asText(expected).trim() }),
  };
}

export function levenshteinCheck(spec: ScorerParams<"levenshtein">): Check {
  return (context): Verdict => {
    const { actual, expected } = texts(spec, context);
    if (expected === undefined)
      return {
        value: 0,
        passed: false,
        reason: `nothing to compare with: no value given and case ${context.testCase.id} has no expected`,
      };
    if (actual === undefined)
      return { value: 0, passed: false, reason: `${spec.path} is missing from the output` };
    const value = levenshteinSimilarity(actual, expected);
    const between = `between ${snippet(actual)} and ${snippet(expected)}`;
    if (spec.maxDistance === undefined) return { value, reason: `similarity ${value.toFixed(3)} ${between}` };
    const distance = levenshteinDistance(actual, expected);
    return {
      value,
      passed: distance <= spec.maxDistance,
      reason: `distance ${distance} ${distance <= spec.maxDistance ? "≤" : ">"} ${spec.maxDistance} ${between}`,
    };
  };
}
