import type { EvalsRepository } from "../eval-spec.js";
import { createEvalDatasets } from "./eval-datasets.js";
import { createEvalOnlineScores } from "./eval-online-scores.js";
import { createEvalRuns } from "./eval-runs.js";
import type { RepositoryContext } from "./repository-context.js";

/**
 * The evals storage: dataset versions (eval-datasets.ts), eval runs and their results (eval-runs.ts),
 * online scores and rule cursors (eval-online-scores.ts). Scoring and statistics belong to src/evals.
 */
export function createEvalsRepository(context: RepositoryContext): EvalsRepository {
  return {
    ...createEvalDatasets(context),
    ...createEvalRuns(context),
    ...createEvalOnlineScores(context),
  };
}
