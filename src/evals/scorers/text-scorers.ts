import { snippet } from "../../prompts/index.js";
import { binary, type Check } from "./check-scorer.js";
import { outputText } from "./output-values.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Checks on the output's text: whether it contains a string (case-insensitive unless asked) and
// whether a regular expression matches it.

export function containsCheck(spec: ScorerParams<"contains">): Check {
  const needle = spec.caseSensitive ? spec.value : spec.value.toLowerCase();
  return ({ output }) => {
    const text = outputText(output);
    const found = (spec.caseSensitive ? text : text.toLowerCase()).includes(needle);
    return binary(
      found,
      `${snippet(text)} ${found ? "contains" : "does not contain"} ${snippet(spec.value)}`,
    );
  };
}

export function regexCheck(spec: ScorerParams<"regex">): Check {
  // No `g`/`y`: a stateful regex would answer differently on the next trial.
  const pattern = new RegExp(spec.pattern, spec.flags);
  return ({ output }) => {
    const text = outputText(output);
    const match = pattern.exec(text);
    return match
      ? binary(true, `/${spec.pattern}/ matches ${snippet(match[0])}`)
      : binary(false, `/${spec.pattern}/ does not match ${snippet(text)}`);
  };
}
