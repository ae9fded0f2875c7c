import { describeYamlIssues, type LocatedYaml, parseLocatedYaml, type YamlIssue } from "../../core/index.js";
import { normaliseCase } from "../datasets/eval-case-schema.js";
import { invalidEvalFile, zodPathIssues } from "../datasets/eval-file-problems.js";
import type { EvalCase } from "../eval-spec.js";
import { suiteConsistencyProblems } from "./suite-consistency.js";
import type { SuiteDefinition } from "./suite-definition.js";
import { type SuiteFile, suiteFileSchema } from "./suite-schema.js";

// Reads `evals/<suite>.yaml`. A mistake names file:line, the field and what is expected
// (EVAL_SUITE_INVALID); thresholds are checked against the scorers when the cases are inline (for a
// dataset file, `loadSuite` checks once it has read the dataset).

const hint =
  "A suite is { suite, target: { agent } | { prompt } | { model }, dataset: <file> | cases: [...], scorers: [...], thresholds? }; docs/guides/evals.md has the format.";

export function invalidSuite(file: string, problems: string[]) {
  return invalidEvalFile({ code: "EVAL_SUITE_INVALID", what: "eval suite", file, problems, hint });
}

function definitionOf(parsed: SuiteFile, file: string): SuiteDefinition {
  const { thresholds } = parsed;
  const suite: SuiteDefinition = {
    name: parsed.suite,
    target: parsed.target ?? { kind: "agent", agent: parsed.agent! },
    dataset:
      parsed.cases !== undefined
        ? { cases: parsed.cases as EvalCase[] }
        : { file: typeof parsed.dataset === "string" ? parsed.dataset : parsed.dataset!.file },
    scorers: parsed.scorers,
    thresholds: {
      passRate: thresholds.passRate ?? thresholds.pass_rate ?? 1,
      scorers: thresholds.scorers,
      dimensions: thresholds.dimensions,
      ...(thresholds.maxRegressions === undefined ? {} : { maxRegressions: thresholds.maxRegressions }),
    },
    trials: parsed.trials,
    concurrency: parsed.concurrency,
    cache: parsed.cache,
    file,
  };
  if (parsed.description !== undefined) suite.description = parsed.description;
  if (parsed.judge !== undefined) suite.judge = parsed.judge;
  return suite;
}

/** Throws EVAL_SUITE_INVALID when the suite does not fit these cases (see suite-consistency.ts). */
export function checkSuiteCases(
  suite: SuiteDefinition,
  cases: readonly EvalCase[],
  located: Pick<LocatedYaml, "file" | "lineOf">,
): void {
  const problems: YamlIssue[] = suiteConsistencyProblems(suite, cases);
  if (problems.length > 0) throw invalidSuite(located.file, describeYamlIssues(located, problems));
}

/** Parses a suite file's text; inline cases are normalised as a dataset's are. */
export function parseSuiteFile(source: string, file: string): SuiteDefinition {
  const located = parseLocatedYaml(source, file);
  if (located.syntaxProblems.length > 0) throw invalidSuite(file, located.syntaxProblems);
  const parsed = suiteFileSchema.safeParse(located.value ?? {});
  if (!parsed.success)
    throw invalidSuite(file, describeYamlIssues(located, zodPathIssues(parsed.error), "(suite)"));
  const suite = definitionOf(parsed.data, file);
  // Inline cases hash like the same cases in a dataset file: undefined members dropped.
  if ("cases" in suite.dataset) {
    suite.dataset = { cases: suite.dataset.cases.map(normaliseCase) };
    checkSuiteCases(suite, suite.dataset.cases, located);
  }
  return suite;
}
