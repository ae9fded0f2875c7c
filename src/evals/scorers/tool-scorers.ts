import { snippet } from "../../prompts/index.js";
import type { ToolCallRecord } from "../eval-spec.js";
import { binary, type Check } from "./check-scorer.js";
import { argumentsMatch } from "./match-arguments.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Checks on what an agent did: whether it called a tool (with matching arguments, at least n times)
// and whether its sequence of tool calls fits an expected trajectory.

function callArgs(call: ToolCallRecord): ToolCallRecord["args"] {
  // Some providers hand arguments over as JSON text.
  if (typeof call.args !== "string") return call.args;
  try {
    return JSON.parse(call.args) as ToolCallRecord["args"];
  } catch {
    return call.args;
  }
}

function sequence(calls: readonly ToolCallRecord[]): string {
  return calls.length === 0 ? "no tool calls" : `calls: ${calls.map((call) => call.name).join(" → ")}`;
}

export function toolCalledCheck(spec: ScorerParams<"tool-called">): Check {
  const times = spec.times ?? 1;
  return ({ output }) => {
    const named = output.toolCalls.filter((call) => call.name === spec.tool);
    const matching = spec.args ? named.filter((call) => argumentsMatch(spec.args!, callArgs(call))) : named;
    const passed = matching.length >= times;
    const withArgs = spec.args ? ` with arguments matching ${snippet(spec.args)}` : "";
    const found = `${spec.tool} called ${matching.length} time${matching.length === 1 ? "" : "s"}${withArgs}`;
    if (passed) return binary(true, found);
    const other =
      spec.args && named.length > matching.length
        ? `; other arguments: ${named.map((call) => snippet(call.args)).join(", ")}`
        : "";
    return binary(false, `${found}, needs at least ${times} (${sequence(output.toolCalls)})${other}`);
  };
}

function counts(names: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const name of names) result.set(name, (result.get(name) ?? 0) + 1);
  return result;
}

// Each mode's rule: exact = the same sequence; ordered = the expected tools appear in this order with
// other calls allowed between them (a subsequence); unordered = the same calls in any order (equal
// multisets); subset = each expected call appears at least as often as listed, in any order.
const modes = {
  exact: (expected: readonly string[], actual: readonly string[]) =>
    expected.length === actual.length && expected.every((name, index) => actual[index] === name),
  ordered: (expected: readonly string[], actual: readonly string[]) => {
    let next = 0;
    for (const name of actual) if (name === expected[next]) next += 1;
    return next === expected.length;
  },
  unordered: (expected: readonly string[], actual: readonly string[]) => {
    const want = counts(expected);
    const have = counts(actual);
    return want.size === have.size && [...want].every(([name, count]) => have.get(name) === count);
  },
  subset: (expected: readonly string[], actual: readonly string[]) => {
    const have = counts(actual);
    return [...counts(expected)].every(([name, count]) => (have.get(name) ?? 0) >= count);
  },
};

export function trajectoryCheck(spec: ScorerParams<"trajectory">): Check {
  const mode = spec.mode ?? "ordered";
  return ({ output }) => {
    const actual = output.toolCalls.map((call) => call.name);
    const passed = modes[mode](spec.tools, actual);
    return binary(
      passed,
      `${passed ? "fits" : "does not fit"} ${mode} [${spec.tools.join(", ")}] (${sequence(output.toolCalls)})`,
    );
  };
}
