import { GantryError, isoNow, type JsonValue, systemClock } from "../../core/index.js";
import type { StoredEvalRun } from "../../store/index.js";
import { compareRuns } from "../compare/index.js";
import type { Dataset, EvalCase, EvalSummary, RunComparison, TrialResult } from "../eval-spec.js";
import type { EvalDeps, RunnableSuite, TrialContext } from "./eval-deps.js";
import { agentRuntime, checkAgentTarget } from "./run-agent-target.js";
import { missingDependency } from "./run-model-target.js";
import { runTarget } from "./run-target.js";
import { scoreTrial } from "./score-trial.js";
import { fromStoredResult, toStoredResult } from "./stored-results.js";
import { summarizeTrials } from "./summarize-trials.js";
import { runPool } from "./trial-pool.js";

export interface RunEvalOptions {
  /** Trials per case (default: the suite's, else 1). */
  trials?: number;
  /** Trials in flight at once (default 4). */
  concurrency?: number;
  /** Let model calls be answered from the response cache (prompt and model targets; see README). */
  cache?: boolean;
  /** A name to compare against later (`main`, a git sha). */
  label?: string;
  /** Compare the finished run with this run. */
  baselineRunId?: string;
  /** Continue this run: trials it already decided are kept, the rest (and inconclusive ones) run. */
  resumeRunId?: string;
  /** Overrides the target's model (`provider:model` or `tier:<name>`). */
  model?: string;
  /** Called after every finished trial (and once at the start) with trials done and in all. */
  onProgress?: (done: number, total: number) => void;
  projectId?: string;
}

export interface RunEvalInput {
  suite: RunnableSuite;
  dataset: Dataset;
  deps: EvalDeps;
  options?: RunEvalOptions;
}

export interface EvalRunOutcome {
  run: StoredEvalRun;
  results: TrialResult[];
  summary: EvalSummary;
  comparison?: RunComparison;
}

function evalError(
  code: string,
  message: string,
  hint: string,
  details: Record<string, JsonValue>,
): GantryError {
  return new GantryError({ code, message, domain: "EVAL", category: "USER", details, hint });
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw evalError(
      "EVAL_OPTION_INVALID",
      `${name} must be a whole number of at least 1, got ${value}`,
      `Pass --${name} 1 or more.`,
      {
        option: name,
      },
    );
  }
  return value;
}

// Fails before any case runs when the target cannot run at all (unknown agent, missing deps).
function checkTarget(suite: RunnableSuite, deps: EvalDeps, model: string | undefined): void {
  const { target } = suite;
  if (target.kind === "agent") checkAgentTarget(target, agentRuntime(deps, model));
  if (target.kind === "prompt" && !deps.prompts) throw missingDependency("the workspace's prompts", "prompt");
  if (target.kind !== "agent" && !deps.modelAccess) throw missingDependency("model access", target.kind);
}

interface Prepared {
  run: StoredEvalRun;
  cases: EvalCase[];
  trials: number;
  model: string | undefined;
  kept: TrialResult[];
}

async function resumeRun(input: RunEvalInput, runId: string): Promise<Prepared> {
  const { suite, deps, options = {} } = input;
  const run = await deps.store.evals.getRun(runId);
  if (!run) {
    throw evalError(
      "EVAL_RUN_NOT_FOUND",
      `There is no eval run ${runId}`,
      "List runs with `gantry eval runs`.",
      {
        runId,
      },
    );
  }
  if (run.suite !== suite.name) {
    throw evalError(
      "EVAL_RESUME_MISMATCH",
      `Run ${runId} is a run of suite "${run.suite}", not "${suite.name}"`,
      `Resume it with \`gantry eval ${run.suite} --resume ${runId}\`.`,
      { runId, suite: suite.name, runSuite: run.suite },
    );
  }
  const dataset = await deps.store.evals.getDataset(run.datasetName, run.datasetHash, run.projectId);
  if (!dataset) {
    throw evalError(
      "EVAL_DATASET_NOT_FOUND",
      `Run ${runId} pinned dataset ${run.datasetName}@${run.datasetHash.slice(0, 12)}, which is not in the store`,
      "Start a new run instead of resuming this one.",
      { runId, dataset: run.datasetName, hash: run.datasetHash },
    );
  }
  const config = (run.config ?? {}) as { trials?: number; model?: string };
  const stored = await deps.store.evals.listResults(runId);
  await deps.store.evals.updateRun(runId, { status: "running", finishedAt: null });
  return {
    run,
    // The pinned version, not whatever the file holds now: that is what "pinned" means.
    cases: dataset.cases as unknown as EvalCase[],
    trials: config.trials ?? 1,
    model: options.model ?? config.model,
    kept: stored.filter((result) => !result.inconclusive).map(fromStoredResult),
  };
}

async function startRun(input: RunEvalInput, concurrency: number): Promise<Prepared> {
  const { suite, dataset, deps, options = {} } = input;
  const trials = positiveInteger(options.trials, "trials", suite.trials ?? 1);
  const projectId = options.projectId;
  await deps.store.evals.putDataset({
    ...(projectId ? { projectId } : {}),
    name: dataset.name,
    hash: dataset.hash,
    cases: dataset.cases as unknown as JsonValue[],
    origin: dataset.origin ?? null,
  });
  const config = JSON.parse(
    JSON.stringify({
      target: suite.target,
      trials,
      concurrency,
      cache: options.cache === true,
      model: options.model,
      scorers: suite.scorers.map((scorer) => ({
        name: scorer.name,
        type: scorer.type,
        threshold: scorer.threshold,
      })),
      judge: suite.judge?.model,
      thresholds: suite.thresholds,
      definition: suite.definition,
      datasetOrigin: dataset.origin,
    }),
  ) as JsonValue;
  const run = await deps.store.evals.createRun({
    ...(projectId ? { projectId } : {}),
    suite: suite.name,
    datasetName: dataset.name,
    datasetHash: dataset.hash,
    config,
    label: options.label ?? null,
    baselineRunId: options.baselineRunId ?? null,
  });
  return { run, cases: dataset.cases, trials, model: options.model, kept: [] };
}

async function comparisonWith(
  deps: EvalDeps,
  baselineRunId: string,
  current: { id: string; results: TrialResult[] },
): Promise<RunComparison> {
  const baseline = await deps.store.evals.getRun(baselineRunId);
  if (!baseline) {
    throw evalError(
      "EVAL_RUN_NOT_FOUND",
      `There is no baseline eval run ${baselineRunId}`,
      "List runs with `gantry eval runs`.",
      {
        runId: baselineRunId,
      },
    );
  }
  return compareRuns({ id: baseline.id, results: await deps.store.evals.listResults(baseline.id) }, current);
}

/**
 * Runs a suite over a dataset: stores the dataset version and the run (pinning the version), runs
 * every case × trial with at most `concurrency` in flight, scores each trial and stores it as soon
 * as it finishes (so `resumeRunId` continues where a run stopped), then stores the summary. A
 * failure of the runner itself (store, a scorer bug) marks the run `failed` and is thrown.
 */
export async function runEval(input: RunEvalInput): Promise<EvalRunOutcome> {
  const { suite, deps, options = {} } = input;
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const concurrency = positiveInteger(options.concurrency, "concurrency", 4);
  checkTarget(suite, deps, options.model);
  const prepared = options.resumeRunId
    ? await resumeRun(input, options.resumeRunId)
    : await startRun(input, concurrency);
  const { run, cases, trials } = prepared;
  const done = new Set(prepared.kept.map((result) => `${result.caseId}\u0000${result.trial}`));
  const pending = cases.flatMap((testCase) =>
    Array.from({ length: trials }, (_, trial) => ({ testCase, trial })).filter(
      (item) => !done.has(`${testCase.id}\u0000${item.trial}`),
    ),
  );
  const total = cases.length * trials;
  const fresh: TrialResult[] = [];
  options.onProgress?.(total - pending.length, total);
  try {
    await runPool(pending, concurrency, async ({ testCase, trial }) => {
      const context: TrialContext = {
        suite: suite.name,
        runId: run.id,
        trial,
        cache: options.cache === true,
        ...(prepared.model ? { model: prepared.model } : {}),
      };
      const output = await runTarget(suite.target, testCase, deps, context);
      const scorers = [...suite.scorers, ...(suite.scorersFor?.(testCase) ?? [])];
      const result = await scoreTrial({
        testCase,
        trial,
        output,
        scorers,
        ...(suite.judge ? { judge: suite.judge } : {}),
      });
      await deps.store.evals.putResult(toStoredResult(run.id, result));
      fresh.push(result);
      options.onProgress?.(total - pending.length + fresh.length, total);
    });
  } catch (error) {
    await deps.store.evals
      .updateRun(run.id, { status: "failed", finishedAt: isoNow(clock) })
      .catch(() => undefined);
    throw error;
  }
  const order = new Map(cases.map((testCase, index) => [testCase.id, index]));
  const results = [...prepared.kept, ...fresh].sort(
    (a, b) => (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0) || a.trial - b.trial,
  );
  const summary = summarizeTrials(results, clock.now() - started);
  const finished = await deps.store.evals.updateRun(run.id, {
    status: "completed",
    summary: JSON.parse(JSON.stringify(summary)) as JsonValue,
    finishedAt: isoNow(clock),
  });
  const baselineRunId = options.baselineRunId ?? run.baselineRunId ?? undefined;
  const comparison = baselineRunId
    ? await comparisonWith(deps, baselineRunId, { id: run.id, results })
    : undefined;
  return { run: finished ?? run, results, summary, ...(comparison ? { comparison } : {}) };
}
