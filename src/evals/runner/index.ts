// The eval runner: targets (agent, prompt, model), scoring, the concurrency pool and run summaries.

export type { EvalDeps, RunnableSuite, TrialContext } from "./eval-deps.js";
export { type PrepareSuiteOptions, prepareSuite, targetModelOf } from "./prepare-suite.js";
export { type EvalRunOutcome, type RunEvalInput, type RunEvalOptions, runEval } from "./run-eval.js";
export { promptCall } from "./run-prompt-target.js";
export { evalSpanKeys, runTarget } from "./run-target.js";
export { scoreKey } from "./score-key.js";
export { scoreTrial } from "./score-trial.js";
export { fromStoredResult, toStoredResult } from "./stored-results.js";
export { caseStandings, summarizeTrials } from "./summarize-trials.js";
export { isUnavailableCode, targetError } from "./target-errors.js";
export { runPool } from "./trial-pool.js";
