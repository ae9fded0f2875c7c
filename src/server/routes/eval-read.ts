import { type EvalCase, fromStoredResult, type TrialResult } from "../../evals/index.js";
import type { Store, StoredEvalRun } from "../../store/index.js";
import {
  type EvalComparisonJson,
  type EvalRunDetailJson,
  type EvalRunJson,
  evalComparison,
  evalRunDetail,
  evalRunJson,
  plannedTrials,
} from "./eval-json.js";

// The evals API's answers read from the store: a run's results and its pinned dataset version, a
// baseline's results, shaped by the pure builders of eval-json.ts.

type EvalsStore = Pick<Store, "evals">;

async function trialsOf(store: EvalsStore, runId: string): Promise<TrialResult[]> {
  return (await store.evals.listResults(runId)).map(fromStoredResult);
}

async function pinnedCases(store: EvalsStore, run: StoredEvalRun): Promise<EvalCase[]> {
  const dataset = await store.evals.getDataset(run.datasetName, run.datasetHash, run.projectId);
  return (dataset?.cases ?? []) as unknown as EvalCase[];
}

/** A run as listed; a run still going says how many of its trials are stored. */
export async function readEvalRun(store: EvalsStore, run: StoredEvalRun): Promise<EvalRunJson> {
  if (run.status !== "running") return evalRunJson(run);
  const [results, cases] = await Promise.all([store.evals.listResults(run.id), pinnedCases(store, run)]);
  return evalRunJson(run, { progress: { done: results.length, total: plannedTrials(run, cases.length) } });
}

/** One run in full, with its baseline's results when the baseline is stored. */
export async function readEvalRunDetail(
  store: EvalsStore,
  run: StoredEvalRun,
  nowMs: number,
): Promise<EvalRunDetailJson> {
  const baseline = run.baselineRunId ? await store.evals.getRun(run.baselineRunId) : undefined;
  const [results, cases, baselineResults] = await Promise.all([
    trialsOf(store, run.id),
    pinnedCases(store, run),
    baseline ? trialsOf(store, baseline.id) : Promise.resolve(undefined),
  ]);
  return evalRunDetail({
    run,
    results,
    cases,
    nowMs,
    ...(baseline && baselineResults ? { baseline: { id: baseline.id, results: baselineResults } } : {}),
  });
}

/** Two stored runs compared. */
export async function readEvalComparison(
  store: EvalsStore,
  baseline: StoredEvalRun,
  run: StoredEvalRun,
): Promise<EvalComparisonJson> {
  const [baselineResults, runResults, baselineJson, runJson] = await Promise.all([
    trialsOf(store, baseline.id),
    trialsOf(store, run.id),
    readEvalRun(store, baseline),
    readEvalRun(store, run),
  ]);
  return evalComparison({ baseline: baselineJson, baselineResults, run: runJson, runResults });
}
