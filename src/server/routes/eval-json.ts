import { GantryError, type JsonValue } from "../../core/index.js";
import {
  type CaseRow,
  type CaseVerdict,
  caseRows,
  caseVerdicts,
  compareRuns,
  type EvalCase,
  type EvalSummary,
  type EvalTarget,
  type GateThresholds,
  type GateVerdict,
  gateVerdict,
  type LoadedSuite,
  type RunComparison,
  type ScoreResult,
  scoreKey,
  scorerNames,
  summarizeTrials,
  type TrialResult,
} from "../../evals/index.js";
import type { EvalRunStatus, StoredEvalRun } from "../../store/index.js";

// The JSON of the evals API: suites as the workspace's files define them, runs with their summaries,
// one run's cases with every trial's scores and reasons, its gate verdict against the thresholds it
// ran with, and comparisons. Built from what the store holds by eval-read.ts; pure, so a test fake
// answers with exactly the server's shapes.

/** A suite of the workspace (`evals/*.yaml`) with the dataset version its file holds now. */
export interface EvalSuiteJson {
  name: string;
  /** Relative to the workspace root. */
  file: string;
  description: string | null;
  target: EvalTarget;
  cases: number;
  datasetName: string;
  datasetHash: string;
  /** Where the cases are: the suite file (inline) or its dataset file. */
  datasetFile: string;
  trials: number;
  scorers: string[];
  thresholds: GateThresholds;
}

/** A suite file that does not load, so the list can say why rather than hide it. */
export interface EvalSuiteProblemJson {
  file: string;
  code: string;
  message: string;
  hint: string | null;
}

/** One eval run: what ran, its state, and its summary once finished (live while running, in detail). */
export interface EvalRunJson {
  id: string;
  suite: string;
  label: string | null;
  status: EvalRunStatus;
  datasetName: string;
  datasetHash: string;
  baselineRunId: string | null;
  target: EvalTarget | null;
  trials: number | null;
  judge: string | null;
  createdAt: string;
  finishedAt: string | null;
  summary: EvalSummary | null;
  /** Trials stored of all the run will do, while it runs; null once it stopped. */
  progress: { done: number; total: number } | null;
}

/** One trial of a case: its scores with their reasons, the answer, cost, latency and trace. */
export interface EvalTrialJson {
  trial: number;
  passed: boolean;
  inconclusive: boolean;
  scores: ScoreResult[];
  text: string;
  output: JsonValue;
  costMicros: number | null;
  latencyMs: number;
  finishReason: string | null;
  traceId: string | null;
  error: { code: string; message: string; unavailable: boolean } | null;
}

/** One case of a run: its trials folded together (`caseRows`), what it asked and expected, and the trials. */
export interface EvalCaseResultJson extends Omit<CaseRow, "firstFailure"> {
  /** Majority verdict of the trials, as comparisons count flips. */
  verdict: CaseVerdict;
  firstFailure: string | null;
  input: JsonValue | null;
  expected: JsonValue | null;
  failureClass: string | null;
  results: EvalTrialJson[];
}

export interface EvalRunDetailJson {
  run: EvalRunJson;
  /** What the run was gated on (the suite's thresholds when it started). */
  thresholds: GateThresholds;
  /** The gate's verdict once the run completed; null before. */
  verdict: GateVerdict | null;
  /** Against `run.baselineRunId`, when it has one that is stored. */
  comparison: RunComparison | null;
  /** Every score key (`scorer`, `judge.dimension`) the run's trials carry, in first-seen order. */
  scoreKeys: string[];
  cases: EvalCaseResultJson[];
}

/** One case's side of a comparison. */
export type EvalComparedCaseJson = Omit<
  EvalCaseResultJson,
  "results" | "input" | "expected" | "failureClass"
>;

export interface EvalComparisonRowJson {
  caseId: string;
  baseline: EvalComparedCaseJson | null;
  current: EvalComparedCaseJson | null;
  /** pass → fail is a regression, fail → pass an improvement, other verdict changes `changed`. */
  change: "regression" | "improvement" | "changed" | "same" | "added" | "removed";
}

export interface EvalComparisonJson {
  baseline: EvalRunJson;
  run: EvalRunJson;
  comparison: RunComparison;
  cases: EvalComparisonRowJson[];
}

interface RunConfig {
  target?: EvalTarget;
  trials?: number;
  judge?: string;
  thresholds?: GateThresholds;
}

function configOf(run: StoredEvalRun): RunConfig {
  const config = run.config;
  return config !== null && typeof config === "object" && !Array.isArray(config)
    ? (config as unknown as RunConfig)
    : {};
}

/** Trials the run will do in all: cases of its pinned dataset × its trials. */
export function plannedTrials(run: StoredEvalRun, cases: number): number {
  return cases * (configOf(run).trials ?? 1);
}

/** A suite as listed. */
export function evalSuiteJson(loaded: LoadedSuite, file: string, datasetFile: string): EvalSuiteJson {
  const { suite, dataset } = loaded;
  return {
    name: suite.name,
    file,
    description: suite.description ?? null,
    target: suite.target,
    cases: dataset.cases.length,
    datasetName: dataset.name,
    datasetHash: dataset.hash,
    datasetFile,
    trials: suite.trials,
    // As the runner names them: unnamed scorers after their type (`cost`, `cost-2`…).
    scorers: scorerNames(suite.scorers),
    thresholds: suite.thresholds,
  };
}

/** A run as listed; `progress` only while it runs, `liveSummary` when nothing is stored yet. */
export function evalRunJson(
  run: StoredEvalRun,
  extra: { progress?: EvalRunJson["progress"]; liveSummary?: EvalSummary } = {},
): EvalRunJson {
  const config = configOf(run);
  return {
    id: run.id,
    suite: run.suite,
    label: run.label,
    status: run.status,
    datasetName: run.datasetName,
    datasetHash: run.datasetHash,
    baselineRunId: run.baselineRunId,
    target: config.target ?? null,
    trials: config.trials ?? null,
    judge: config.judge ?? null,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    summary: (run.summary as unknown as EvalSummary | null) ?? extra.liveSummary ?? null,
    progress: run.status === "running" ? (extra.progress ?? null) : null,
  };
}

/** The 404 for an eval run id the store does not hold. */
export function evalRunNotFound(runId: string, parameter = "id"): GantryError {
  return new GantryError({
    code: "EVAL_RUN_NOT_FOUND",
    message: `There is no eval run ${runId}`,
    domain: "EVAL",
    category: "USER",
    details: { runId, parameter },
    hint: "List eval runs with GET /api/v1/evals/runs (or `gantry eval runs`).",
  });
}

function trialJson(result: TrialResult): EvalTrialJson {
  const { output } = result;
  return {
    trial: result.trial,
    passed: result.passed,
    inconclusive: result.inconclusive,
    scores: result.scores,
    text: output.text,
    output: output.output,
    costMicros: output.costMicros,
    latencyMs: output.latencyMs,
    finishReason: output.finishReason ?? null,
    traceId: output.traceId ?? null,
    error: output.error ?? null,
  };
}

function caseSides(results: readonly TrialResult[]): Map<string, EvalComparedCaseJson> {
  const verdicts = caseVerdicts(results);
  return new Map(
    caseRows(results).map((row) => {
      const { firstFailure, ...rest } = row;
      return [
        row.caseId,
        { ...rest, verdict: verdicts.get(row.caseId) ?? "inconclusive", firstFailure: firstFailure ?? null },
      ];
    }),
  );
}

// A threshold no scorer produced is the suite's mistake: the verdict says so (exit 1) instead of a 500.
function verdictOf(input: Parameters<typeof gateVerdict>[0]): GateVerdict {
  try {
    return gateVerdict(input);
  } catch (error) {
    if (!GantryError.isInstance(error)) throw error;
    return { exitCode: 1, reasons: [`${error.code}: ${error.message}`] };
  }
}

function orderOf(order: ReadonlyMap<string, number>, caseId: string): number {
  return order.get(caseId) ?? Number.MAX_SAFE_INTEGER;
}

export interface EvalRunDetailInput {
  run: StoredEvalRun;
  results: readonly TrialResult[];
  /** The cases of the dataset version the run pinned, in their order. */
  cases: readonly EvalCase[];
  /** The baseline's results, when the run has a stored baseline. */
  baseline?: { id: string; results: readonly TrialResult[] };
  nowMs: number;
}

/** One run in full: cases with their trials, the gate's verdict and the comparison with its baseline. */
export function evalRunDetail(input: EvalRunDetailInput): EvalRunDetailJson {
  const { run, results, baseline } = input;
  const cases = new Map(input.cases.map((testCase) => [testCase.id, testCase]));
  const order = new Map(input.cases.map((testCase, index) => [testCase.id, index]));
  const live =
    run.summary === null ? summarizeTrials(results, input.nowMs - Date.parse(run.createdAt)) : undefined;
  const json = evalRunJson(run, {
    progress: { done: results.length, total: plannedTrials(run, input.cases.length) },
    ...(live ? { liveSummary: live } : {}),
  });
  const thresholds = configOf(run).thresholds ?? {};
  const comparison = baseline ? compareRuns(baseline, { id: run.id, results }) : null;
  const trialsByCase = new Map<string, EvalTrialJson[]>();
  for (const result of results) {
    trialsByCase.set(result.caseId, [...(trialsByCase.get(result.caseId) ?? []), trialJson(result)]);
  }
  return {
    run: json,
    thresholds,
    verdict:
      run.status === "completed" && json.summary
        ? verdictOf({ summary: json.summary, results, thresholds, ...(comparison ? { comparison } : {}) })
        : null,
    comparison,
    scoreKeys: [...new Set(results.flatMap((result) => result.scores.map(scoreKey)))],
    // In the dataset's order (results are stored by case id); cases the dataset lacks go last.
    cases: [...caseSides(results).values()]
      .sort((a, b) => orderOf(order, a.caseId) - orderOf(order, b.caseId))
      .map((side) => {
        const testCase = cases.get(side.caseId);
        return {
          ...side,
          input: testCase?.input ?? null,
          expected: testCase?.expected ?? null,
          failureClass: testCase?.failureClass ?? null,
          results: trialsByCase.get(side.caseId) ?? [],
        };
      }),
  };
}

function changeOf(
  baseline: EvalComparedCaseJson | undefined,
  current: EvalComparedCaseJson | undefined,
): EvalComparisonRowJson["change"] {
  if (!baseline) return "added";
  if (!current) return "removed";
  if (baseline.verdict === current.verdict) return "same";
  if (baseline.verdict === "pass" && current.verdict === "fail") return "regression";
  if (baseline.verdict === "fail" && current.verdict === "pass") return "improvement";
  return "changed";
}

/** Two runs side by side: the comparison (flips, p-value, noise floor) and every case of either. */
export function evalComparison(input: {
  baseline: EvalRunJson;
  baselineResults: readonly TrialResult[];
  run: EvalRunJson;
  runResults: readonly TrialResult[];
}): EvalComparisonJson {
  const { baseline, run } = input;
  const comparison = compareRuns(
    { id: baseline.id, results: input.baselineResults },
    { id: run.id, results: input.runResults },
  );
  const baselineSides = caseSides(input.baselineResults);
  const currentSides = caseSides(input.runResults);
  const caseIds = [...new Set([...currentSides.keys(), ...baselineSides.keys()])];
  return {
    baseline,
    run,
    comparison,
    cases: caseIds.map((caseId) => {
      const was = baselineSides.get(caseId);
      const now = currentSides.get(caseId);
      return { caseId, baseline: was ?? null, current: now ?? null, change: changeOf(was, now) };
    }),
  };
}
