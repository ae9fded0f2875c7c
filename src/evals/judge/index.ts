// Judges: rubric and pairwise scorers, the judge prompt, choosing a judge model, a JudgeClient on a ModelClient.
export { type JudgeCandidate, type JudgeChoice, judgeModelFor } from "./judge-model-for.js";
export { type DimensionVerdict, judgeRubric, type RubricJudgement } from "./judge-rubric.js";
export {
  defaultChoices,
  defaultDimensions,
  dimensionCriteria,
  type PairwiseSpec,
  type RubricSpec,
  rubricSpecSchema,
  standardDimensions,
} from "./judge-spec-schema.js";
export { modelJudgeClient } from "./model-judge-client.js";
export { pairwiseJudgeOpening, pairwiseOutcome, pairwiseScorer } from "./pairwise-scorer.js";
export {
  type RubricMaterial,
  type RubricSettings,
  rubricJudgeOpening,
  rubricSettings,
  rubricSystemPrompt,
  rubricUserContent,
  rubricVerdictSchema,
} from "./rubric-prompt.js";
export { defaultJudgeThreshold, rubricScorer } from "./rubric-scorer.js";
