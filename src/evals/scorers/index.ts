// Scorers: spec validation, the deterministic scorer types, and building a suite's scorers.
export {
  type BuildScorersOptions,
  buildScorers,
  buildSuiteScorers,
  type SuiteScorers,
  scorerNames,
} from "./build-scorers.js";
export { binary, type Check, checkScorer, scoreResult, type Verdict } from "./check-scorer.js";
export { levenshteinDistance, levenshteinSimilarity } from "./levenshtein-scorer.js";
export { argumentsMatch } from "./match-arguments.js";
export { jsonEquals, outputJson, outputText, valueAt } from "./output-values.js";
export {
  type ScorerParams,
  type ScorerType,
  scorerSpecListSchema,
  scorerSpecProblems,
  scorerTypes,
} from "./scorer-spec-schema.js";
export type { CustomScorerFunction } from "./script-scorers.js";
