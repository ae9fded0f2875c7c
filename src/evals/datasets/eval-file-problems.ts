import type { z } from "zod";
import { formatIssues, type GantryError, invalidYamlFile, type YamlIssue } from "../../core/index.js";

// Every hand-edited evals file (suites, datasets, judge labels, promptfoo configs) reports a mistake
// as `file:line  field.path: expectation`, through core's located YAML (JSONL files know the line
// from the record). This file adds what is particular to evals: zod issues phrased as core's config
// problems, and the EVAL domain.

/** A zod error's issues phrased as core's config problems ("unknown field…", "expected string, got…"). */
export function zodPathIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): YamlIssue[] {
  return formatIssues(error).map((problem) => ({
    path: [...prefix, ...(problem.path === "(root)" ? [] : problem.path.split("."))],
    message: problem.message,
  }));
}

/** The USER error for an evals file with problems, one indented line each. */
export function invalidEvalFile(options: {
  code: string;
  /** `dataset`, `eval suite`, `judge labels file`… */
  what: string;
  file: string;
  problems: string[];
  hint: string;
}): GantryError {
  return invalidYamlFile({ ...options, domain: "EVAL" });
}
