export { type AttemptEnding, AttemptLedger, type OpenAttempt, providerOf } from "./attempt-ledger.js";
export { type AttemptSignal, raceAbort, startAttemptSignal } from "./attempt-signal.js";
export { backoffDelayMs, type JitterMode, planRetry, type RandomSource, type RetryPlan } from "./backoff.js";
export {
  type AttemptVerdict,
  type ClassifiedAttemptError,
  type ClassifyContext,
  type CooldownEffect,
  classifyAttemptError,
} from "./classify-attempt-error.js";
export { type CooldownPolicy, type CooldownState, CooldownTracker } from "./cooldown-tracker.js";
export { createModelClient } from "./create-model-client.js";
export {
  type CandidateCall,
  type CandidateResult,
  executeWithFailover,
  type FailoverContext,
  type FailoverRequest,
  type FailoverSuccess,
  usableCandidates,
} from "./execute-with-failover.js";
export {
  modelCallFailedError,
  modelRequestRejectedError,
  noCandidatesError,
  streamInterruptedError,
} from "./model-call-errors.js";
export type { CostOf, ModelClientOptions, ModelRouter, ResponseCache } from "./model-client-options.js";
export { normaliseUsageMinimally } from "./normalise-usage-minimally.js";
export { parseRetryAfterMs } from "./parse-retry-after.js";
export { streamFromResult } from "./stream-from-result.js";
