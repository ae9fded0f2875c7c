// Online scoring of production traces: sampled by trace id, scored off the request path, written back
// as stored scores and `gen_ai.evaluation.result` events, with week-over-week drop alerts.

export { createOnlineScorer } from "./create-online-scorer.js";
export { type EvaluationSpanInput, emitEvaluationSpan, evaluationSpanRecord } from "./evaluation-span.js";
export { isJudgeScorer, judgeScorerTypes } from "./judge-budget.js";
export type {
  OnlineDropAlert,
  OnlineRuleReport,
  OnlineScorer,
  OnlineScorerOptions,
  OnlineScoringProblem,
  OnlineTickReport,
} from "./online-scorer-spec.js";
export { productionCase } from "./production-case.js";
export { isTraceSampled, traceSamplePoint } from "./sample-trace.js";
export { minimumScoresPerWindow } from "./score-drop-alerts.js";
export { traceEnvironment, traceRoot } from "./trace-root.js";
