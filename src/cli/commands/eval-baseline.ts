import { GantryError } from "../../core/index.js";
import { resolveBaselineRun } from "../../server/index.js";
import type { Store } from "../../store/index.js";

/**
 * The run `--baseline` names: a run id, else the newest completed run of the suite with that label
 * (as the HTTP API reads it). A label no run carries yet (the first run on main) is not an error in
 * the CLI: there is nothing to compare with, and `warning` says so. An unknown run id (`evr_…`) or a
 * run of another suite is.
 */
export async function resolveBaseline(
  store: Pick<Store, "evals">,
  suite: string,
  reference: string | undefined,
): Promise<{ runId?: string; warning?: string }> {
  if (reference === undefined) return {};
  try {
    const run = await resolveBaselineRun(store, suite, reference);
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
  } catch (error) {
    const notFound = GantryError.isInstance(error) && error.code === "EVAL_BASELINE_NOT_FOUND";
    if (!notFound || /^evr_/.test(reference)) throw error;
    return {
      warning: `no completed run of ${suite} is labelled "${reference}" yet: nothing to compare with`,
    };
  }
}
