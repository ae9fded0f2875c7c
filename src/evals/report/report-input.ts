import type { StoredEvalRun } from "../../store/index.js";
import type { EvalSummary, GateVerdict, RunComparison, TrialResult } from "../eval-spec.js";

/** Everything a report shows about one run. */
export interface EvalReportInput {
  run: Pick<StoredEvalRun, "id" | "suite" | "datasetName" | "datasetHash" | "label" | "status" | "createdAt">;
  summary: EvalSummary;
  results: readonly TrialResult[];
  comparison?: RunComparison;
  verdict?: GateVerdict;
}
