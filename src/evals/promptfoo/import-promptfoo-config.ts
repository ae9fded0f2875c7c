import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import {
  describeYamlIssues,
  type GantryError,
  type JsonValue,
  type LocatedYaml,
  parseLocatedYaml,
} from "../../core/index.js";
import { datasetOf } from "../datasets/dataset-of.js";
import { invalidEvalFile, zodPathIssues } from "../datasets/eval-file-problems.js";
import type { Dataset, EvalCase, ScorerSpec } from "../eval-spec.js";
import { scorerSpecProblems } from "../scorers/scorer-spec-schema.js";
import type { SuiteDefinition } from "../suite/suite-definition.js";
import { mapPromptfooAssert, type PromptfooAssert } from "./map-promptfoo-assert.js";
import { mapPromptfooProvider } from "./map-promptfoo-provider.js";
import {
  type PromptfooConfig,
  type PromptfooTest,
  promptfooConfigSchema,
} from "./promptfoo-config-schema.js";
import { type ImportedPrompt, PromptfooImportProblem, readPromptfooPrompts } from "./promptfoo-prompts.js";
import { type LocatedTest, PromptfooTestFileProblem, readPromptfooTests } from "./promptfoo-tests.js";
import { renderPromptfooTemplate } from "./render-promptfoo-template.js";

// promptfoo's `promptfooconfig.yaml` as Gantry suites: one suite per prompt × provider, its target the
// provider's model (`{ kind: "model" }`), its cases the tests with the prompt rendered into the input,
// `defaultTest` asserts as suite scorers and each test's asserts as that case's scorers.

export interface PromptfooImportOptions {
  /** Reads a `file://` reference, resolved against the config's folder; default: the file system. */
  readText?: (file: string) => string;
  /** The suite name (or prefix, with several prompts or providers); default from the config's description or folder. */
  name?: string;
}

export interface ImportedSuite {
  suite: SuiteDefinition;
  dataset: Dataset;
}

export interface PromptfooImport {
  suites: ImportedSuite[];
  /** What was read but not mapped (provider settings, weights…), one line each. */
  notes: string[];
}

/** Options that change what a test produces or how it is graded. */
const refusedTestOptions = new Set([
  "transform",
  "postprocess",
  "prefix",
  "suffix",
  "runSerially",
  "storeOutputAs",
]);
const refusedConfigFields = new Set(["scenarios", "redteam", "nunjucksFilters", "extensions"]);

/** `Refund policy — basic!` → `refund-policy-basic`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let suffix = 2; used.has(id); suffix += 1) id = `${base}-${suffix}`;
  used.add(id);
  return id;
}

interface Provider {
  id: string;
  label: string;
  model: string;
}

function providersOf(config: PromptfooConfig, notes: string[]): Provider[] {
  const entries = typeof config.providers === "string" ? [config.providers] : config.providers;
  return entries.map((entry) => {
    const id = typeof entry === "string" ? entry : entry.id;
    if (typeof entry !== "string" && entry.config && Object.keys(entry.config).length > 0) {
      notes.push(
        `provider ${id}: its config (${Object.keys(entry.config).join(", ")}) is not imported; set model options in gantry.config.ts`,
      );
    }
    const model = mapPromptfooProvider(id);
    return { id, label: (typeof entry === "string" ? undefined : entry.label) ?? id, model };
  });
}

interface CaseDraft {
  id: string;
  description?: string;
  vars: Record<string, JsonValue>;
  scorers: ScorerSpec[];
}

function mapAsserts(
  asserts: readonly PromptfooAssert[],
  vars: Record<string, JsonValue>,
  where: { located: Pick<LocatedYaml, "file" | "lineOf">; path: PropertyKey[] },
  problems: string[],
  notes: Set<string>,
): ScorerSpec[] {
  return asserts.flatMap((assert, index) => {
    const path = [...where.path, "assert", index];
    try {
      if (assert.weight !== undefined || assert.metric !== undefined)
        notes.add("assert weight and metric are not imported: every scorer gates on its own");
      const specs = mapPromptfooAssert(assert, vars);
      for (const spec of specs) {
        for (const problem of scorerSpecProblems(spec)) {
          problems.push(
            ...describeYamlIssues(where.located, [{ path, message: `${assert.type}: ${problem.message}` }]),
          );
        }
      }
      return specs;
    } catch (error) {
      problems.push(...describeYamlIssues(where.located, [{ path, message: (error as Error).message }]));
      return [];
    }
  });
}

function checkOptions(
  test: Partial<PromptfooTest>,
  where: LocatedTest | { located: Pick<LocatedYaml, "file" | "lineOf">; path: PropertyKey[] },
  problems: string[],
  notes: Set<string>,
): void {
  for (const option of Object.keys(test.options ?? {})) {
    if (refusedTestOptions.has(option)) {
      problems.push(
        ...describeYamlIssues(where.located, [
          {
            path: [...where.path, "options", option],
            message: `options.${option} is not imported (it changes the output or its grading)`,
          },
        ]),
      );
    } else {
      notes.add(`test option ${option} is not imported`);
    }
  }
}

function caseDrafts(
  config: PromptfooConfig,
  tests: LocatedTest[],
  located: LocatedYaml,
  problems: string[],
  notes: Set<string>,
): { suiteScorers: ScorerSpec[]; drafts: CaseDraft[] } {
  const defaults = config.defaultTest ?? {};
  const defaultWhere = { located, path: ["defaultTest"] };
  checkOptions(defaults, defaultWhere, problems, notes);
  const defaultAsserts = (defaults.assert ?? []) as PromptfooAssert[];
  // A default assert without placeholders is the same for every case: a suite scorer.
  const templated = (assert: PromptfooAssert) =>
    assert.type !== "javascript" && JSON.stringify(assert.value ?? "").includes("{{");
  const suiteScorers = mapAsserts(
    defaultAsserts.filter((assert) => !templated(assert)),
    {},
    defaultWhere,
    problems,
    notes,
  );
  const used = new Set<string>();
  const drafts = tests.map((entry, index): CaseDraft => {
    const { test } = entry;
    checkOptions(test, entry, problems, notes);
    const vars = {
      ...(defaults.vars as Record<string, JsonValue> | undefined),
      ...(test.vars as Record<string, JsonValue>),
    };
    const base = test.description ? slug(test.description) : "";
    const id = uniqueId(
      base === "" ? `test-${index + 1}` : entry.variant ? `${base}-${entry.variant}` : base,
      used,
    );
    const perCaseDefaults = mapAsserts(defaultAsserts.filter(templated), vars, defaultWhere, problems, notes);
    const own = mapAsserts(test.assert as PromptfooAssert[], vars, entry, problems, notes);
    return {
      id,
      ...(test.description ? { description: test.description } : {}),
      vars,
      scorers: [...perCaseDefaults, ...own],
    };
  });
  return { suiteScorers, drafts };
}

function renderedSystem(prompt: ImportedPrompt, drafts: CaseDraft[]): string | undefined {
  if (prompt.system === undefined) return undefined;
  const rendered = new Set(drafts.map((draft) => renderPromptfooTemplate(prompt.system!, draft.vars)));
  if (rendered.size > 1) {
    throw new PromptfooImportProblem(
      ["prompts"],
      `prompt ${prompt.origin}: its system message changes with the test variables; a suite has one system message`,
    );
  }
  return [...rendered][0] ?? renderPromptfooTemplate(prompt.system, {});
}

function suiteName(config: PromptfooConfig, file: string, options: PromptfooImportOptions): string {
  const base =
    options.name ?? (config.description ? slug(config.description) : slug(basename(dirname(resolve(file)))));
  return base === "" ? "promptfoo" : base;
}

function invalid(code: string, file: string, problems: string[]): GantryError {
  return invalidEvalFile({
    code,
    what: code === "EVAL_PROMPTFOO_UNSUPPORTED" ? "promptfoo config (unsupported parts)" : "promptfoo config",
    file,
    problems,
    hint: "docs/guides/evals.md (promptfoo import) lists what is imported; rewrite or drop the parts named above.",
  });
}

/** Reads a promptfoo config into one suite (with its inline dataset) per prompt × provider. */
export function importPromptfooConfig(
  source: string,
  file: string,
  options: PromptfooImportOptions = {},
): PromptfooImport {
  const folder = dirname(resolve(file));
  const readText =
    options.readText ??
    ((path: string) => readFileSync(isAbsolute(path) ? path : resolve(folder, path), "utf8"));
  const located = parseLocatedYaml(source, file);
  if (located.syntaxProblems.length > 0)
    throw invalid("EVAL_PROMPTFOO_INVALID", file, located.syntaxProblems);
  const parsed = promptfooConfigSchema.safeParse(located.value ?? {});
  if (!parsed.success)
    throw invalid(
      "EVAL_PROMPTFOO_INVALID",
      file,
      describeYamlIssues(located, zodPathIssues(parsed.error), "(config)"),
    );
  const config = parsed.data;
  const problems: string[] = [];
  const notes = new Set<string>();
  for (const field of Object.keys(config)) {
    if (refusedConfigFields.has(field))
      problems.push(...describeYamlIssues(located, [{ path: [field], message: `${field} is not imported` }]));
  }
  const noteList: string[] = [];
  const providers = providersOf(config, noteList);
  let prompts: ImportedPrompt[] = [];
  let tests: LocatedTest[] = [];
  try {
    prompts = readPromptfooPrompts(config, readText);
    tests = readPromptfooTests(config, located, readText);
  } catch (error) {
    if (error instanceof PromptfooTestFileProblem)
      throw invalid("EVAL_PROMPTFOO_INVALID", file, error.problems);
    if (!(error instanceof PromptfooImportProblem)) throw error;
    problems.push(...describeYamlIssues(located, [{ path: error.path, message: error.message }]));
  }
  if (tests.length === 0 && problems.length === 0)
    problems.push(...describeYamlIssues(located, [{ path: ["tests"], message: "no tests to import" }]));
  const { suiteScorers, drafts } = caseDrafts(config, tests, located, problems, notes);
  if (problems.length > 0) throw invalid("EVAL_PROMPTFOO_UNSUPPORTED", file, problems);

  const base = suiteName(config, file, options);
  const several = prompts.length * providers.length > 1;
  const suites = prompts.flatMap((prompt) => {
    let system: string | undefined;
    try {
      system = renderedSystem(prompt, drafts);
    } catch (error) {
      throw invalid(
        "EVAL_PROMPTFOO_UNSUPPORTED",
        file,
        describeYamlIssues(located, [
          { path: (error as PromptfooImportProblem).path, message: (error as Error).message },
        ]),
      );
    }
    const cases: EvalCase[] = drafts.map((draft) => ({
      id: draft.id,
      input: renderPromptfooTemplate(prompt.user, draft.vars),
      tags: [],
      source: "manual",
      vars: draft.vars,
      ...(draft.scorers.length > 0 ? { scorers: draft.scorers } : {}),
    }));
    return providers.map((provider): ImportedSuite => {
      const name = several
        ? `${base}-${slug(prompt.label) || "prompt"}-${slug(provider.label) || "provider"}`
        : base;
      const suite: SuiteDefinition = {
        name,
        description: `Imported from promptfoo config ${basename(file)}: prompt ${prompt.label} on ${provider.id}${config.description ? ` (${config.description})` : ""}`,
        target: { kind: "model", model: provider.model, ...(system === undefined ? {} : { system }) },
        dataset: { cases },
        scorers: suiteScorers,
        thresholds: { passRate: 1, scorers: {}, dimensions: {} },
        trials: 1,
        concurrency: 8,
        cache: false,
        file,
      };
      return { suite, dataset: datasetOf(name, cases, file) };
    });
  });
  return { suites, notes: [...noteList, ...notes] };
}
