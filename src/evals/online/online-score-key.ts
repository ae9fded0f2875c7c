import type { ScoreResult } from "../eval-spec.js";

/** The name an online score is stored and reported under: `scorer`, or `scorer.dimension` for a judge. */
export function onlineScoreKey(result: Pick<ScoreResult, "scorer" | "dimension">): string {
  return result.dimension ? `${result.scorer}.${result.dimension}` : result.scorer;
}
