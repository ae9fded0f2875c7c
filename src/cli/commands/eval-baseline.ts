import { GantryError } from "../../core/index.js";
import type { Store } from "../../store/index.js";

/**
 * The run `--baseline` names: a run id, else the newest completed run of the suite with that label.
 * A label no run has yet (the first run on main) is not an error: there is nothing to compare with,
 * and `warning` says so. An unknown run id (`evr_…`) or a run of another suite is.
 */
export async function resolveBaseline(
  store: Pick<Store, "evals">,
  suite: string,
  reference: string | undefined,
): Promise<{ runId?: string; warning?: string }> {
  if (reference === undefined) return {};
  const run = await store.evals.getRun(reference);
  if (run) {
    if (run.suite !== suite) {
      throw new GantryError({
        code: "EVAL_BASELINE_INVALID",
        message: `Baseline run ${reference} is a run of suite "${run.suite}", not "${suite}"`,
        domain: "EVAL",
        category: "USER",
        details: { baseline: reference, suite, baselineSuite: run.suite },
        hint: `List the runs of ${suite} with \`gantry eval runs --suite ${suite}\`.`,
      });
    }
    return { runId: run.id };
  }
  const [labelled] = await store.evals.listRuns({ suite, label: reference, status: "completed", limit: 1 });
  if (labelled) return { runId: labelled.id };
  if (/^evr_/.test(reference)) {
    throw new GantryError({
      code: "EVAL_RUN_NOT_FOUND",
      message: `There is no eval run ${reference}`,
      domain: "EVAL",
      category: "USER",
      details: { runId: reference },
      hint: `List the runs of ${suite} with \`gantry eval runs --suite ${suite}\`.`,
    });
  }
  return { warning: `no completed run of ${suite} is labelled "${reference}" yet: nothing to compare with` };
}
