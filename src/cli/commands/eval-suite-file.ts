import { stringify } from "yaml";
import type { JsonValue } from "../../core/index.js";
import { type EvalCase, parseSuiteFile, type SuiteDefinition } from "../../evals/index.js";

// A suite written back as an `evals/<suite>.yaml` file with its cases inline (what import-promptfoo
// writes), checked by reading it back with the suite parser before anyone writes it to disk.

function targetOf(suite: SuiteDefinition): Record<string, JsonValue> {
  const { kind, ...rest } = suite.target;
  return JSON.parse(JSON.stringify(rest)) as Record<string, JsonValue>;
}

/** The suite file text; throws (EVAL_SUITE_INVALID) if the suite parser would not read it back. */
export function suiteFileText(
  suite: SuiteDefinition,
  cases: readonly EvalCase[],
  file: string,
  header: string,
): string {
  const { thresholds } = suite;
  const document = JSON.parse(
    JSON.stringify({
      suite: suite.name,
      description: suite.description,
      target: targetOf(suite),
      cases,
      scorers: suite.scorers,
      thresholds: {
        passRate: thresholds.passRate,
        ...(Object.keys(thresholds.scorers).length > 0 ? { scorers: thresholds.scorers } : {}),
        ...(Object.keys(thresholds.dimensions).length > 0 ? { dimensions: thresholds.dimensions } : {}),
        ...(thresholds.maxRegressions === undefined ? {} : { maxRegressions: thresholds.maxRegressions }),
      },
      trials: suite.trials,
      concurrency: suite.concurrency,
      cache: suite.cache,
      judge: suite.judge,
    }),
  ) as JsonValue;
  const text = `${header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n")}\n${stringify(document, { lineWidth: 0 })}`;
  parseSuiteFile(text, file);
  return text;
}
