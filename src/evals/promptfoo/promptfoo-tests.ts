import { extname } from "node:path";
import { describeYamlIssues, type JsonValue, type LocatedYaml } from "../../core/index.js";
import { zodPathIssues } from "../datasets/eval-file-problems.js";
import { locateRecordList } from "../datasets/parse-dataset-file.js";
import { type PromptfooConfig, type PromptfooTest, promptfooTestSchema } from "./promptfoo-config-schema.js";
import { PromptfooImportProblem } from "./promptfoo-prompts.js";

// promptfoo tests: inline, or `file://tests.yaml|json|jsonl` (a list). Variables given as a list make
// one test per value (all combinations when several are lists), as promptfoo does; a `file://` text
// variable is replaced by the file's text.

export interface LocatedTest {
  test: PromptfooTest;
  /** The file and path the test was written at, for error lines. */
  located: Pick<LocatedYaml, "file" | "lineOf">;
  path: PropertyKey[];
  /** 1-based index among the expanded tests of its entry, when its variables were expanded. */
  variant?: number;
}

/** A test file that does not parse or fit: its own `file:line` problems. */
export class PromptfooTestFileProblem extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

function fromFile(reference: string, path: PropertyKey[], readText: (file: string) => string): LocatedTest[] {
  const file = reference.slice("file://".length);
  if (![".yaml", ".yml", ".json", ".jsonl"].includes(extname(file).toLowerCase())) {
    throw new PromptfooImportProblem(
      path,
      `tests ${reference}: only YAML, JSON and JSONL test files are imported (CSV, scripts and globs are not)`,
    );
  }
  let source: string;
  try {
    source = readText(file);
  } catch (error) {
    throw new PromptfooImportProblem(path, `tests ${reference} cannot be read: ${(error as Error).message}`);
  }
  const list = locateRecordList(source, file, "tests");
  if ("problems" in list) throw new PromptfooTestFileProblem(list.problems);
  return list.records.map((record, index) => {
    const testPath = [...list.prefix, index];
    const parsed = promptfooTestSchema.safeParse(record);
    if (!parsed.success)
      throw new PromptfooTestFileProblem(
        describeYamlIssues(list.located, zodPathIssues(parsed.error, testPath)),
      );
    return { test: parsed.data, located: list.located, path: testPath };
  });
}

function loadVariable(value: JsonValue, path: PropertyKey[], readText: (file: string) => string): JsonValue {
  if (typeof value !== "string" || !value.startsWith("file://")) return value;
  const file = value.slice("file://".length);
  if ([".js", ".ts", ".py", ".mjs", ".cjs"].includes(extname(file).toLowerCase())) {
    throw new PromptfooImportProblem(path, `variable ${value}: script variables are not imported`);
  }
  try {
    return readText(file);
  } catch (error) {
    throw new PromptfooImportProblem(path, `variable ${value} cannot be read: ${(error as Error).message}`);
  }
}

/** Every combination of list-valued variables (one test when none is a list). */
export function expandVariables(vars: Record<string, JsonValue>): Record<string, JsonValue>[] {
  let combinations: Record<string, JsonValue>[] = [{}];
  for (const [name, value] of Object.entries(vars)) {
    const values = Array.isArray(value) ? value : [value];
    combinations = combinations.flatMap((combination) =>
      values.map((one) => ({ ...combination, [name]: one })),
    );
  }
  return combinations;
}

/** Reads the config's tests (following `file://` references), variables loaded and expanded. */
export function readPromptfooTests(
  config: PromptfooConfig,
  located: Pick<LocatedYaml, "file" | "lineOf">,
  readText: (file: string) => string,
): LocatedTest[] {
  const entries: LocatedTest[] =
    typeof config.tests === "string"
      ? fromFile(config.tests, ["tests"], readText)
      : config.tests.flatMap((entry, index) =>
          typeof entry === "string"
            ? fromFile(entry, ["tests", index], readText)
            : [{ test: entry, located, path: ["tests", index] }],
        );
  return entries.flatMap((entry) => {
    const vars = Object.fromEntries(
      Object.entries(entry.test.vars).map(([name, value]) => [
        name,
        loadVariable(value as JsonValue, [...entry.path, "vars", name], readText),
      ]),
    );
    const expanded = expandVariables(vars);
    return expanded.map((one, variant) => ({
      ...entry,
      test: { ...entry.test, vars: one },
      ...(expanded.length > 1 ? { variant: variant + 1 } : {}),
    }));
  });
}
