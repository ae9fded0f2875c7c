import type { ScoreResult } from "../eval-spec.js";

/** How a score is named in summaries and thresholds: `scorer`, or `scorer.dimension` for a judge's dimension. */
export function scoreKey(score: Pick<ScoreResult, "scorer" | "dimension">): string {
  return score.dimension ? `${score.scorer}.${score.dimension}` : score.scorer;
}
