import type { YamlIssue } from "../../core/index.js";
import type { EvalCase, ScorerSpec } from "../eval-spec.js";
import { defaultDimensions } from "../judge/judge-spec-schema.js";
import { scorerNames } from "../scorers/build-scorers.js";
import type { SuiteDefinition } from "./suite-definition.js";

// What a suite can only be checked against its cases: that something scores them, and that every
// threshold names a scorer or a judge dimension that exists (a misspelt threshold would otherwise gate
// nothing, silently).

function dimensionsOf(specs: readonly ScorerSpec[]): string[] {
  return specs.flatMap((spec) =>
    spec.type === "llm-rubric"
      ? Array.isArray(spec.dimensions)
        ? (spec.dimensions as string[])
        : defaultDimensions
      : [],
  );
}

/** Problems of a suite with these cases, at paths of the suite file. */
export function suiteConsistencyProblems(suite: SuiteDefinition, cases: readonly EvalCase[]): YamlIssue[] {
  const problems: YamlIssue[] = [];
  const suiteNames = scorerNames(suite.scorers);
  const names = new Set(suiteNames);
  const dimensions = new Set(dimensionsOf(suite.scorers));
  for (const testCase of cases) {
    for (const name of scorerNames(testCase.scorers ?? [], suiteNames)) names.add(name);
    for (const dimension of dimensionsOf(testCase.scorers ?? [])) dimensions.add(dimension);
  }
  if (suite.scorers.length === 0 && !cases.some((testCase) => (testCase.scorers ?? []).length > 0)) {
    problems.push({
      path: ["scorers"],
      message: "no scorers: add scorers: [...] to the suite or to its cases",
    });
  }
  for (const name of Object.keys(suite.thresholds.scorers)) {
    if (!names.has(name)) {
      problems.push({
        path: ["thresholds", "scorers", name],
        message: `no scorer is named ${name}; the scorers are ${[...names].join(", ") || "none"}`,
      });
    }
  }
  for (const dimension of Object.keys(suite.thresholds.dimensions)) {
    if (!dimensions.has(dimension)) {
      problems.push({
        path: ["thresholds", "dimensions", dimension],
        message: `no llm-rubric scorer grades ${dimension}; graded: ${[...dimensions].join(", ") || "none"}`,
      });
    }
  }
  return problems;
}
