import { randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import { GantryError, parseLocatedYaml } from "../../core/index.js";
import { datasetOf } from "../datasets/dataset-of.js";
import { isJsonLines, parseDatasetFile } from "../datasets/parse-dataset-file.js";
import type { Dataset, EvalCase } from "../eval-spec.js";
import { loadSuite } from "./load-suite.js";
import { checkSuiteCases, parseSuiteFile } from "./parse-suite-file.js";

// Adds one case to a suite's dataset where people review it: a JSONL dataset gets a line, a YAML
// dataset or a suite with inline `cases:` gets an item (comments and layout kept). The new text is
// checked like a fresh read before it replaces the file (written aside, then renamed), and appends
// to one file from this process are serialised, so two concurrent adds never lose one.

export interface AppendedCase {
  case: EvalCase;
  /** The file written, relative to the workspace root. */
  file: string;
  /** The dataset as it is now: its new version. */
  dataset: Dataset;
}

const writing = new Map<string, Promise<unknown>>();

function serialised<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = writing.get(file) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  writing.set(file, settled);
  void settled.then(() => {
    if (writing.get(file) === settled) writing.delete(file);
  });
  return next;
}

function caseExists(existing: EvalCase, testCase: EvalCase, suite: string, file: string): GantryError {
  const sameId = existing.id === testCase.id;
  return new GantryError({
    code: "EVAL_CASE_EXISTS",
    message: sameId
      ? `Suite ${suite} already has a case ${testCase.id} (${file})`
      : `Suite ${suite} already has case ${existing.id} from trace ${testCase.traceId} (${file})`,
    domain: "EVAL",
    category: "USER",
    details: { suite, file, caseId: existing.id },
    hint: sameId ? "Give the case another id." : "Edit that case instead of adding the trace twice.",
  });
}

// Appends to the YAML sequence at `path` (the document itself when empty), keeping everything else.
function appendYamlItem(source: string, path: readonly string[], testCase: EvalCase): string {
  const document = parseDocument(source);
  const list = path.length === 0 ? document.contents : document.getIn(path, true);
  if (!isSeq(list)) {
    if (path.length > 0 && isMap(document.contents) && list === undefined) {
      document.setIn(path, document.createNode([testCase]));
      return document.toString({ lineWidth: 0 });
    }
    throw new Error(`expected a list at ${path.join(".") || "the top level"}`);
  }
  list.items.push(document.createNode(testCase));
  return document.toString({ lineWidth: 0 });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const aside = `${file}.${randomUUID()}.tmp`;
  await writeFile(aside, text);
  await rename(aside, file);
}

/**
 * Appends `testCase` to the dataset of suite `suiteNameOrPath` (inline cases or its dataset file).
 * Throws EVAL_CASE_EXISTS when a case has its id or comes from the same trace, and the suite's own
 * errors (EVAL_SUITE_NOT_FOUND, EVAL_DATASET_INVALID…) when the result would not read back.
 */
export function appendCaseToSuite(
  root: string,
  suiteNameOrPath: string,
  testCase: EvalCase,
): Promise<AppendedCase> {
  return loadSuite(root, suiteNameOrPath).then(({ file: suiteFile, suite }) => {
    const datasetFile =
      "file" in suite.dataset
        ? isAbsolute(suite.dataset.file)
          ? suite.dataset.file
          : resolve(root, suite.dataset.file)
        : suiteFile;
    return serialised(datasetFile, async () => {
      // Read again inside the lock: an add that was waiting sees the one before it.
      const loaded = await loadSuite(root, suiteNameOrPath);
      const shown = relative(root, datasetFile) || datasetFile;
      const existing = loaded.dataset.cases.find(
        (candidate) =>
          candidate.id === testCase.id ||
          (testCase.traceId !== undefined && candidate.traceId === testCase.traceId),
      );
      if (existing) throw caseExists(existing, testCase, loaded.suite.name, shown);
      const source = await readFile(datasetFile, "utf8");
      let dataset: Dataset;
      let text: string;
      if (datasetFile === suiteFile) {
        text = appendYamlItem(source, ["cases"], testCase);
        const suite = parseSuiteFile(text, shown);
        dataset = datasetOf(suite.name, "cases" in suite.dataset ? suite.dataset.cases : [], shown);
      } else {
        if (isJsonLines(datasetFile)) {
          text = `${source}${source === "" || source.endsWith("\n") ? "" : "\n"}${JSON.stringify(testCase)}\n`;
        } else {
          const wrapped = !Array.isArray(parseDocument(source).toJS());
          text = appendYamlItem(source, wrapped ? ["cases"] : [], testCase);
        }
        dataset = parseDatasetFile(text, shown);
        const suiteShown = relative(root, suiteFile) || suiteFile;
        checkSuiteCases(
          loaded.suite,
          dataset.cases,
          parseLocatedYaml(await readFile(suiteFile, "utf8"), suiteShown),
        );
      }
      await writeAtomically(datasetFile, text);
      const added = dataset.cases.find((candidate) => candidate.id === testCase.id) ?? testCase;
      return { case: added, file: shown, dataset };
    });
  });
}
