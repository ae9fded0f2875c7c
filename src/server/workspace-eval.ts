import type { Clock, Workspace } from "../core/index.js";
import {
  type Dataset,
  type EvalDeps,
  type LoadedSuite,
  loadSuite,
  prepareSuite,
  type RunEvalOptions,
  type RunnableSuite,
  targetModelOf,
} from "../evals/index.js";
import { configuredModels, type ModelAccess } from "../models/index.js";
import type { Runtime, WorkspacePrompts } from "../runtime/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";

// One way to turn a workspace's suite into a runnable eval: `gantry up` (POST /api/v1/evals/runs)
// and `gantry eval` both load the suite file, choose the judge against the target's model with the
// workspace's models and `evals.judge`, and run on the same runtime, prompts and telemetry they serve.

/** What a workspace's evals run on: the parts a server or a CLI command has already built. */
export interface WorkspaceEvalParts {
  workspace: Workspace;
  store: Pick<Store, "evals" | "runs">;
  modelAccess: ModelAccess;
  runtime?: Runtime;
  /** A runtime whose agents call another model (`--model`, tier benchmarks). */
  runtimeFor?: (model: string) => Runtime;
  prompts?: WorkspacePrompts;
  telemetry?: Telemetry;
  clock?: Clock;
}

export interface PreparedWorkspaceEval {
  loaded: LoadedSuite;
  suite: RunnableSuite;
  dataset: Dataset;
  deps: EvalDeps;
  /** The suite file's concurrency and cache, as runEval options (trials come with the suite). */
  options: Pick<RunEvalOptions, "concurrency" | "cache">;
  judgeModel?: string;
  /** Why the judge is not the ideal one (same family, simulated). */
  judgeNote?: string;
}

/**
 * Loads suite `suiteNameOrPath` (`triage` is `evals/triage.yaml`) and builds it to run: scorers
 * checked, the judge chosen (another family than the target's model, `evals.judge.model` or the
 * suite's `judge` winning), and the runner's dependencies. `model` overrides the target's model.
 */
export async function prepareWorkspaceEval(
  parts: WorkspaceEvalParts,
  suiteNameOrPath: string,
  model?: string,
): Promise<PreparedWorkspaceEval> {
  const { workspace, modelAccess } = parts;
  const loaded = await loadSuite(workspace.root, suiteNameOrPath);
  const deps: EvalDeps = {
    store: parts.store,
    modelAccess,
    ...(parts.runtime ? { runtime: parts.runtime } : {}),
    ...(parts.runtimeFor ? { runtimeFor: parts.runtimeFor } : {}),
    ...(parts.prompts ? { prompts: parts.prompts } : {}),
    ...(parts.telemetry ? { telemetry: parts.telemetry } : {}),
    ...(parts.clock ? { clock: parts.clock } : {}),
  };
  const targetModel = await targetModelOf(loaded.suite.target, {
    defaultModel: workspace.config.models.default,
    ...(model ? { override: model } : {}),
    ...(parts.runtime ? { runtime: parts.runtime } : {}),
    ...(parts.prompts ? { prompts: parts.prompts } : {}),
  });
  const prepared = await prepareSuite({
    suite: loaded.suite,
    dataset: loaded.dataset,
    root: workspace.root,
    models: modelAccess.client,
    configuredModels: configuredModels(workspace.config.models),
    ...(workspace.config.evals.judge.model ? { configuredJudge: workspace.config.evals.judge.model } : {}),
    targetModel,
  });
  return {
    loaded,
    suite: prepared.suite,
    dataset: loaded.dataset,
    deps,
    options: { concurrency: loaded.suite.concurrency, cache: loaded.suite.cache },
    ...(prepared.judgeModel ? { judgeModel: prepared.judgeModel } : {}),
    ...(prepared.judgeNote ? { judgeNote: prepared.judgeNote } : {}),
  };
}
