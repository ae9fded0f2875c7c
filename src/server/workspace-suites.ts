import { isAbsolute, relative, resolve } from "node:path";
import { GantryError } from "../core/index.js";
import { type LoadedSuite, listSuiteFiles, loadSuite } from "../evals/index.js";

// The workspace's eval suites as the API sees them: every `evals/*.yaml` that names a suite, found by
// the name inside the file (which need not be the file's name), each loaded with its dataset. A file
// that does not load is reported beside the others rather than hiding them.

export interface WorkspaceSuite {
  loaded: LoadedSuite;
  /** The suite file, relative to the root. */
  file: string;
  /** Where its cases live (the suite file itself for inline cases), relative to the root. */
  datasetFile: string;
}

export interface WorkspaceSuiteProblem {
  file: string;
  error: GantryError;
}

function shown(root: string, file: string): string {
  return relative(root, file) || file;
}

function asGantryError(error: unknown): GantryError {
  if (GantryError.isInstance(error)) return error;
  return new GantryError({
    code: "EVAL_SUITE_INVALID",
    message: error instanceof Error ? error.message : String(error),
    domain: "EVAL",
    category: "USER",
  });
}

/** Every suite of the workspace, loaded; the files that failed to load with their errors. */
export async function workspaceSuites(
  root: string,
): Promise<{ suites: WorkspaceSuite[]; problems: WorkspaceSuiteProblem[] }> {
  const suites: WorkspaceSuite[] = [];
  const problems: WorkspaceSuiteProblem[] = [];
  for (const file of await listSuiteFiles(root)) {
    try {
      const loaded = await loadSuite(root, file);
      const dataset =
        "file" in loaded.suite.dataset
          ? isAbsolute(loaded.suite.dataset.file)
            ? loaded.suite.dataset.file
            : resolve(root, loaded.suite.dataset.file)
          : loaded.file;
      suites.push({ loaded, file: shown(root, file), datasetFile: shown(root, dataset) });
    } catch (error) {
      problems.push({ file: shown(root, file), error: asGantryError(error) });
    }
  }
  return { suites, problems };
}

/**
 * The file of the suite named `name`: the `evals/*.yaml` whose `suite:` says so, else `evals/<name>.yaml`
 * (so a broken file of that name reports its own error). Throws EVAL_SUITE_NOT_FOUND (404) otherwise.
 */
export async function suiteFileByName(root: string, name: string): Promise<string> {
  const { suites } = await workspaceSuites(root);
  const found = suites.find((suite) => suite.loaded.suite.name === name);
  return found ? found.loaded.file : (await loadSuite(root, name)).file;
}
