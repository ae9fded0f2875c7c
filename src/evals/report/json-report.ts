import type { JsonValue } from "../../core/index.js";
import type { EvalReportInput } from "./report-input.js";

/** The run as JSON for scripts (`gantry eval … --json`): run, summary, every trial, comparison and verdict. */
export function jsonReport(input: EvalReportInput): JsonValue {
  return JSON.parse(
    JSON.stringify({
      run: input.run,
      summary: input.summary,
      results: input.results,
      comparison: input.comparison ?? null,
      verdict: input.verdict ?? null,
    }),
  ) as JsonValue;
}
