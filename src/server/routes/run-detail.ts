import { GantryError } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import { type RunDetailJson, runDetailJson } from "./run-json.js";

/** The 404 for a run id the store does not hold. */
export function runNotFound(runId: string): GantryError {
  return new GantryError({
    code: "RUN_NOT_FOUND",
    message: `No run with id '${runId}' is stored`,
    // The runtime's code and domain for the same mistake, so clients see one error whatever found it.
    domain: "AGENT",
    category: "USER",
    details: { runId },
    hint: "List runs with GET /api/v1/runs (or `gantry runs list`).",
  });
}

/** One stored run: the record, its state summary and links to its trace. */
export async function runDetail(store: Pick<Store, "runs">, runId: string): Promise<RunDetailJson> {
  const record = await store.runs.get(runId);
  if (record === undefined) throw runNotFound(runId);
  return runDetailJson(record);
}
