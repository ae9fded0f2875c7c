import { GantryError } from "../core/index.js";
import { type EvalRunOutcome, runEval } from "../evals/index.js";
import type { EvalsRepository, Store, StoredEvalRun } from "../store/index.js";
import type { ServerContext } from "./server-context.js";
import { prepareWorkspaceEval } from "./workspace-eval.js";
import { suiteFileByName } from "./workspace-suites.js";

// POST /api/v1/evals/runs: a run of a workspace suite that outlives its request. The suite is loaded
// and built (scorers, judge) before answering, so a broken suite is the request's 4xx; the run is
// answered as soon as the runner has stored it, and goes on in the background, tracked with the
// server's active runs so closing the server waits for it.

export interface StartEvalRunInput {
  /** The suite's name (`suite:` in evals/*.yaml). */
  suite: string;
  label?: string;
  /** A run id, or a label: the newest completed run of the suite with it. */
  baseline?: string;
  trials?: number;
}

type EvalRunContext = Pick<
  ServerContext,
  "workspace" | "store" | "models" | "runtime" | "prompts" | "telemetry" | "clock" | "activeRuns"
>;

/** The 404 for a baseline neither a run id nor a label of the suite names. */
function baselineNotFound(suite: string, baseline: string): GantryError {
  return new GantryError({
    code: "EVAL_BASELINE_NOT_FOUND",
    message: `No eval run ${baseline}, and no completed run of suite ${suite} labelled ${baseline}`,
    domain: "EVAL",
    category: "USER",
    details: { suite, baseline },
    hint: "Pass a run id from GET /api/v1/evals/runs, or a label a completed run of this suite carries.",
  });
}

/** A baseline as the CLI's `--baseline <run | label>` reads it: a run id, else the suite's newest completed run with that label. */
export async function resolveBaselineRun(
  store: Pick<Store, "evals">,
  suite: string,
  baseline: string,
): Promise<StoredEvalRun> {
  const byId = await store.evals.getRun(baseline);
  if (byId) return byId;
  const [labelled] = await store.evals.listRuns({ suite, label: baseline, status: "completed", limit: 1 });
  if (labelled) return labelled;
  throw baselineNotFound(suite, baseline);
}

// The runner creates the run record itself; this sees it as it is stored, so the request can answer with it.
function watchCreatedRun(evals: EvalsRepository, onCreated: (run: StoredEvalRun) => void): EvalsRepository {
  return new Proxy(evals, {
    get(target, key) {
      if (key === "createRun") {
        return async (input: Parameters<EvalsRepository["createRun"]>[0]) => {
          const run = await target.createRun(input);
          onCreated(run);
          return run;
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Starts a run of a workspace suite and resolves with the stored run (status `running`) once the
 * runner has created it; the outcome settles later (`done`). A suite that does not load or build, an
 * unknown baseline, or a target that cannot run rejects before any case runs.
 */
export async function startEvalRun(
  context: EvalRunContext,
  input: StartEvalRunInput,
  onFailure: (run: StoredEvalRun, error: unknown) => void = (run, error) =>
    console.error(`[gantry] eval run ${run.id} of suite ${run.suite} failed:`, error),
): Promise<{ run: StoredEvalRun; done: Promise<EvalRunOutcome> }> {
  const file = await suiteFileByName(context.workspace.root, input.suite);
  const prepared = await prepareWorkspaceEval(
    {
      workspace: context.workspace,
      store: context.store,
      modelAccess: context.models,
      runtime: context.runtime,
      prompts: context.prompts,
      telemetry: context.telemetry,
      clock: context.clock,
    },
    file,
  );
  const baseline = input.baseline
    ? await resolveBaselineRun(context.store, prepared.suite.name, input.baseline)
    : undefined;
  let announce: (run: StoredEvalRun) => void = () => {};
  const created = new Promise<StoredEvalRun>((resolve) => {
    announce = resolve;
  });
  const done = runEval({
    suite: prepared.suite,
    dataset: prepared.dataset,
    deps: {
      ...prepared.deps,
      store: { runs: context.store.runs, evals: watchCreatedRun(context.store.evals, announce) },
    },
    options: {
      ...prepared.options,
      ...(input.label ? { label: input.label } : {}),
      ...(baseline ? { baselineRunId: baseline.id } : {}),
      ...(input.trials ? { trials: input.trials } : {}),
    },
  });
  // Before the run exists a failure is the request's; after, it is the run's (stored as `failed`).
  const run = await Promise.race([
    created,
    done.then(
      () => created,
      (error: unknown) => Promise.race([created, Promise.reject(error)]),
    ),
  ]);
  context.activeRuns.track({ runId: `eval:${run.id}`, result: done });
  done.catch((error: unknown) => onFailure(run, error));
  return { run, done };
}
