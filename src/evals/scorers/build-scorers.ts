import { GantryError } from "../../core/index.js";
import type { EvalCase, Scorer, ScorerSpec } from "../eval-spec.js";
import { pairwiseScorer } from "../judge/pairwise-scorer.js";
import { rubricScorer } from "../judge/rubric-scorer.js";
import { type Check, checkScorer, negated, type ScorerBase } from "./check-scorer.js";
import { equalsCheck } from "./equals-scorer.js";
import { isJsonCheck, jsonSchemaCheck } from "./json-scorers.js";
import { levenshteinCheck } from "./levenshtein-scorer.js";
import { costCheck, finishReasonCheck, latencyCheck } from "./run-metric-scorers.js";
import {
  type ScorerParams,
  type ScorerType,
  scorerParams,
  scorerSpecProblems,
} from "./scorer-spec-schema.js";
import { customCheck, javascriptCheck } from "./script-scorers.js";
import { containsCheck, regexCheck } from "./text-scorers.js";
import { toolCalledCheck, trajectoryCheck } from "./tool-scorers.js";

// Turns scorer specs (suite, case, online rule) into Scorers. Every spec is validated first, so a bad
// one fails before any case runs, naming its index and field. Names are unique: an unnamed scorer is
// named after its type, with `-2`, `-3`… when the type repeats; two scorers given the same name are an
// error.

export interface BuildScorersOptions {
  /** The workspace root: custom scorer modules are resolved against it. */
  root: string;
  /** Where the specs come from, for errors: `suite triage`, `case refund-basic`. */
  where?: string;
  /** Names already taken (the suite's, when building a case's scorers). */
  takenNames?: Iterable<string>;
}

const defaultThresholds: Partial<Record<ScorerType, number>> = { levenshtein: 0.8 };

type CheckBuilder<T extends ScorerType> = (spec: ScorerParams<T>, root: string) => Check | Promise<Check>;

const checks: { [T in Exclude<ScorerType, "llm-rubric" | "pairwise">]: CheckBuilder<T> } = {
  equals: equalsCheck,
  contains: containsCheck,
  regex: regexCheck,
  "json-schema": jsonSchemaCheck,
  "is-json": isJsonCheck,
  "tool-called": toolCalledCheck,
  trajectory: trajectoryCheck,
  cost: costCheck,
  latency: latencyCheck,
  "finish-reason": finishReasonCheck,
  levenshtein: levenshteinCheck,
  javascript: javascriptCheck,
  custom: customCheck,
};

function invalidSpecs(where: string, problems: string[]): GantryError {
  return new GantryError({
    code: "EVAL_SCORER_INVALID",
    message: `Invalid scorer${problems.length === 1 ? "" : "s"} in ${where}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "EVAL",
    category: "USER",
    details: { where, problems },
    hint: "Each scorer is { type, name?, threshold?, ...parameters }; docs/guides/evals.md lists every type and its parameters.",
  });
}

function problemLines(specs: readonly ScorerSpec[], taken: Set<string>): string[] {
  const lines: string[] = [];
  const explicit = new Set<string>();
  specs.forEach((spec, index) => {
    for (const problem of scorerSpecProblems(spec)) {
      const field = problem.path.length === 0 ? "" : `.${problem.path.map(String).join(".")}`;
      lines.push(`scorers[${index}]${field}: ${problem.message}`);
    }
    const name = spec?.name;
    if (typeof name !== "string") return;
    if (explicit.has(name) || taken.has(name))
      lines.push(`scorers[${index}].name: "${name}" is already used; names must be unique`);
    explicit.add(name);
  });
  return lines;
}

function uniqueName(type: string, used: Set<string>): string {
  if (!used.has(type)) return type;
  let suffix = 2;
  while (used.has(`${type}-${suffix}`)) suffix += 1;
  return `${type}-${suffix}`;
}

async function buildOne(spec: ScorerSpec, name: string, root: string): Promise<Scorer> {
  const type = spec.type as ScorerType;
  if (type === "llm-rubric") return rubricScorer(scorerParams(type, spec), name);
  if (type === "pairwise") return pairwiseScorer(scorerParams(type, spec), name);
  const params = scorerParams(type, spec) as ScorerParams<typeof type> & { negate?: boolean };
  const base: ScorerBase = { name, threshold: params.threshold ?? defaultThresholds[type] ?? 1 };
  const builder = checks[type] as CheckBuilder<typeof type>;
  const scorer = checkScorer(base, type, await builder(params, root));
  return params.negate ? negated(scorer) : scorer;
}

/** The names `buildScorers` gives valid specs: the given name, else the type (`-2`, `-3`… on repeats). */
export function scorerNames(specs: readonly ScorerSpec[], takenNames: Iterable<string> = []): string[] {
  const used = new Set([...takenNames, ...specs.flatMap((spec) => (spec.name ? [spec.name] : []))]);
  return specs.map((spec) => {
    if (spec.name) return spec.name;
    const name = uniqueName(spec.type, used);
    used.add(name);
    return name;
  });
}

/** Validates and builds scorers; throws EVAL_SCORER_INVALID listing every bad spec by index and field. */
export async function buildScorers(
  untypedSpecs: readonly Record<string, unknown>[],
  options: BuildScorersOptions,
): Promise<Scorer[]> {
  // Online rules and API bodies hand over untyped records; they are validated like any spec below.
  const specs = untypedSpecs as readonly ScorerSpec[];
  const taken = new Set(options.takenNames ?? []);
  const where = options.where ?? "the scorer list";
  const problems = problemLines(specs, taken);
  if (problems.length > 0) throw invalidSpecs(where, problems);
  const names = scorerNames(specs, taken);
  const scorers: Scorer[] = [];
  for (const [index, spec] of specs.entries()) {
    try {
      scorers.push(await buildOne(spec, names[index]!, options.root));
    } catch (error) {
      if (GantryError.isInstance(error)) throw error;
      throw invalidSpecs(where, [
        `scorers[${index}]: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
  }
  return scorers;
}

/** A suite's scorers and, per case, the scorers that case adds (the runner's `RunnableSuite` fields). */
export interface SuiteScorers {
  scorers: Scorer[];
  /** The scorers a case adds to the suite's (its own `scorers`, built); empty for most cases. */
  scorersFor(testCase: Pick<EvalCase, "id">): Scorer[];
}

/** Builds a suite's scorers and every case's own at once, so any bad spec fails before the run starts. */
export async function buildSuiteScorers(
  specs: readonly ScorerSpec[],
  cases: readonly EvalCase[],
  options: Omit<BuildScorersOptions, "takenNames">,
): Promise<SuiteScorers> {
  const scorers = await buildScorers(specs, options);
  const names = scorers.map((scorer) => scorer.name);
  const perCase = new Map<string, Scorer[]>();
  for (const testCase of cases) {
    if (!testCase.scorers || testCase.scorers.length === 0) continue;
    perCase.set(
      testCase.id,
      await buildScorers(testCase.scorers, {
        root: options.root,
        where: `case ${testCase.id}`,
        takenNames: names,
      }),
    );
  }
  return { scorers, scorersFor: (testCase) => perCase.get(testCase.id) ?? [] };
}
