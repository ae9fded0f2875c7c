import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { GantryError, parseLocatedYaml } from "../../core/index.js";
import { datasetOf } from "../datasets/dataset-of.js";
import { parseDatasetFile } from "../datasets/parse-dataset-file.js";
import type { Dataset } from "../eval-spec.js";
import { checkSuiteCases, parseSuiteFile } from "./parse-suite-file.js";
import type { SuiteDefinition } from "./suite-definition.js";

// Finds a suite by name (`evals/<name>.yaml` or `.yml`) or path, reads it and its dataset. Paths in
// errors and `origin` are relative to the workspace root, as they are written in the files.

export interface LoadedSuite {
  suite: SuiteDefinition;
  dataset: Dataset;
  /** The suite file, absolute. */
  file: string;
}

const suiteExtensions = [".yaml", ".yml"];

function looksLikePath(nameOrPath: string): boolean {
  return (
    nameOrPath.includes("/") ||
    nameOrPath.includes("\\") ||
    suiteExtensions.some((ext) => nameOrPath.endsWith(ext))
  );
}

/** The suite files of a workspace: `evals/*.yaml|yml` whose top level names a `suite` (label files and others are skipped). */
export async function listSuiteFiles(root: string): Promise<string[]> {
  const folder = join(root, "evals");
  if (!existsSync(folder)) return [];
  const files = (await readdir(folder))
    .filter((name) => suiteExtensions.some((ext) => name.endsWith(ext)))
    .sort();
  const suites: string[] = [];
  for (const name of files) {
    const file = join(folder, name);
    try {
      const value = parseYaml(await readFile(file, "utf8")) as { suite?: unknown } | null;
      if (value && typeof value === "object" && typeof value.suite === "string") suites.push(file);
    } catch {
      // A broken file is reported when it is loaded by name; listing stays quiet.
    }
  }
  return suites;
}

async function suiteFile(root: string, nameOrPath: string): Promise<string> {
  const candidates = looksLikePath(nameOrPath)
    ? [isAbsolute(nameOrPath) ? nameOrPath : resolve(root, nameOrPath)]
    : suiteExtensions.map((ext) => join(root, "evals", `${nameOrPath}${ext}`));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  const available = (await listSuiteFiles(root)).map((file) => relative(root, file));
  throw new GantryError({
    code: "EVAL_SUITE_NOT_FOUND",
    message: `No eval suite ${nameOrPath}: looked for ${candidates.map((candidate) => relative(root, candidate)).join(" and ")}`,
    domain: "EVAL",
    category: "USER",
    details: { suite: nameOrPath, root, available },
    hint:
      available.length > 0
        ? `Suites in this workspace: ${available.join(", ")}.`
        : "Create evals/<suite>.yaml (docs/guides/evals.md).",
  });
}

/** Reads a suite and its dataset: `suiteNameOrPath` is `triage` (evals/triage.yaml) or a path. */
export async function loadSuite(root: string, suiteNameOrPath: string): Promise<LoadedSuite> {
  const file = await suiteFile(root, suiteNameOrPath);
  const shown = relative(root, file) || file;
  const source = await readFile(file, "utf8");
  const suite = parseSuiteFile(source, shown);
  if ("cases" in suite.dataset)
    return { suite, dataset: datasetOf(suite.name, suite.dataset.cases, shown), file };
  const datasetPath = isAbsolute(suite.dataset.file) ? suite.dataset.file : resolve(root, suite.dataset.file);
  if (!existsSync(datasetPath)) {
    const line = parseLocatedYaml(source, shown).lineOf(["dataset"]);
    throw new GantryError({
      code: "EVAL_DATASET_NOT_FOUND",
      message: `${shown}${line ? `:${line}` : ""}  dataset: ${suite.dataset.file} does not exist (paths are relative to the workspace root ${root})`,
      domain: "EVAL",
      category: "USER",
      details: { suite: suite.name, file: shown, dataset: suite.dataset.file },
      hint: "Fix the path, e.g. dataset: datasets/<name>.jsonl, or write the cases inline under cases:.",
    });
  }
  const dataset = parseDatasetFile(
    await readFile(datasetPath, "utf8"),
    relative(root, datasetPath) || datasetPath,
  );
  checkSuiteCases(suite, dataset.cases, parseLocatedYaml(source, shown));
  return { suite, dataset, file };
}
