import { basename, extname } from "node:path";
import { z } from "zod";
import { describeYamlIssues, type LocatedYaml, parseLocatedYaml } from "../../core/index.js";
import type { Dataset, EvalCase } from "../eval-spec.js";
import { datasetOf } from "./dataset-of.js";
import { evalCaseListSchema, normaliseCase } from "./eval-case-schema.js";
import { invalidEvalFile, zodPathIssues } from "./eval-file-problems.js";

// Dataset files: JSONL (one case per line, blank lines skipped) or YAML (a list of cases, or
// `{ cases: [...] }`; JSON parses as YAML too). Every problem names file:line and the field.

const hint =
  "Each case is { id, input, expected?, rubric?, context?, tags?, failureClass?, source?, riskTier?, traceId?, scorers? } with a unique id; docs/guides/evals.md has the format.";

function invalid(file: string, problems: string[]) {
  return invalidEvalFile({ code: "EVAL_DATASET_INVALID", what: "dataset", file, problems, hint });
}

/** True for files read as one JSON record per line. */
export function isJsonLines(file: string): boolean {
  return [".jsonl", ".ndjson"].includes(extname(file).toLowerCase());
}

/** Reads JSON Lines: each non-blank line is one record; a line that is not JSON is a problem. */
export function locateJsonLines(source: string, file: string): LocatedYaml {
  const records: unknown[] = [];
  const lines: number[] = [];
  const syntaxProblems: string[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === "") return;
    try {
      records.push(JSON.parse(text));
      lines.push(index + 1);
    } catch (error) {
      syntaxProblems.push(`${file}:${index + 1}  not JSON: ${(error as Error).message}`);
    }
  });
  return {
    file,
    value: syntaxProblems.length > 0 ? undefined : records,
    syntaxProblems,
    lineOf: (path) => (path.length === 0 ? undefined : lines[Number(path[0])]),
    pathText: (path) => path.slice(1).map(String).join("."),
  };
}

/** Reads a file holding a list of records (JSONL, a YAML list, or `{ <key>: [...] }`); returns where each came from. */
export function locateRecordList(
  source: string,
  file: string,
  key: string,
): { located: LocatedYaml; records: unknown[]; prefix: PropertyKey[] } | { problems: string[] } {
  const located = isJsonLines(file) ? locateJsonLines(source, file) : parseLocatedYaml(source, file);
  if (located.syntaxProblems.length > 0) return { problems: located.syntaxProblems };
  const value = located.value ?? [];
  if (Array.isArray(value)) return { located, records: value, prefix: [] };
  const wrapped = z.strictObject({ [key]: z.array(z.unknown()) }).safeParse(value);
  if (wrapped.success) return { located, records: wrapped.data[key] as unknown[], prefix: [key] };
  return {
    problems: describeYamlIssues(
      located,
      zodPathIssues(wrapped.error),
      `(file): expected a list or { ${key}: [...] }`,
    ),
  };
}

/** Validates case records read from `located`; `prefix` is their path in the file (`["cases"]`). */
export function parseCaseRecords(
  records: unknown[],
  located: Pick<LocatedYaml, "file" | "lineOf" | "pathText">,
  prefix: readonly PropertyKey[],
): { cases: EvalCase[] } | { problems: string[] } {
  const parsed = evalCaseListSchema.safeParse(records);
  if (!parsed.success) return { problems: describeYamlIssues(located, zodPathIssues(parsed.error, prefix)) };
  return { cases: parsed.data.map(normaliseCase) };
}

/** Parses a `.jsonl`, `.yaml`/`.yml` (or `.json`) dataset; throws EVAL_DATASET_INVALID naming file:line and field. */
export function parseDatasetFile(source: string, file: string, name = datasetName(file)): Dataset {
  const list = locateRecordList(source, file, "cases");
  if ("problems" in list) throw invalid(file, list.problems);
  const result = parseCaseRecords(list.records, list.located, list.prefix);
  if ("problems" in result) throw invalid(file, result.problems);
  return datasetOf(name, result.cases, file);
}

/** A dataset's name from its file: `datasets/refunds.jsonl` → `refunds`. */
export function datasetName(file: string): string {
  return basename(file, extname(file));
}
