import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { Clock, RetryPolicy } from "../../core/index.js";
import type { Sleep } from "../sim/abortable-sleep.js";
import type { AttemptLedger, OpenAttempt } from "./attempt-ledger.js";
import { raceAbort, startAttemptSignal } from "./attempt-signal.js";
import { type JitterMode, planRetry, type RandomSource } from "./backoff.js";
import { type ClassifiedAttemptError, classifyAttemptError } from "./classify-attempt-error.js";
import type { CooldownTracker } from "./cooldown-tracker.js";
import { modelCallFailedError, modelRequestRejectedError } from "./model-call-errors.js";

/** The parts of a client every request's failover loop shares. */
export interface FailoverContext {
  policy: RetryPolicy;
  cooldown: CooldownTracker;
  clock: Clock;
  sleep: Sleep;
  random: RandomSource;
  jitter: JitterMode;
  languageModel: (modelId: string) => LanguageModelV3;
}

/** What one attempt's operation receives. */
export interface CandidateCall {
  model: LanguageModelV3;
  attempt: OpenAttempt;
  /** The caller's signal combined with the attempt timer; pass it to the provider. */
  signal: AbortSignal;
}

/** What a successful operation returns; `ending` is recorded at once unless the attempt stays open. */
export interface CandidateResult<T> {
  value: T;
  /** Omit to keep the attempt open (a committed stream records its attempt when it ends). */
  ending?: Parameters<OpenAttempt["finish"]>[0];
}

export interface FailoverRequest<T> {
  candidates: string[];
  ledger: AttemptLedger;
  context: FailoverContext;
  callerSignal?: AbortSignal | undefined;
  run: (call: CandidateCall) => Promise<CandidateResult<T>>;
}

/** The answer and the attempt that produced it. */
export interface FailoverSuccess<T> {
  value: T;
  modelId: string;
  attempt: OpenAttempt;
}

/**
 * Runs `run` over the candidates in order under the retry policy: retries a candidate with backoff
 * (Retry-After as a floor) while its error is retryable and its retries last, then fails over; skips
 * cooling candidates; never makes more than `maxAttempts` real calls in all. The caller's abort ends
 * the loop at once and rethrows the caller's reason (no failover). When nothing succeeds it throws
 * MODEL_CALL_FAILED, or MODEL_REQUEST_REJECTED when a provider refused the request itself.
 */
export async function executeWithFailover<T>(request: FailoverRequest<T>): Promise<FailoverSuccess<T>> {
  const { candidates, ledger, context, callerSignal } = request;
  const { policy, cooldown } = context;
  callerSignal?.throwIfAborted();
  const usable = usableCandidates(candidates, cooldown);
  let retryAt: number | undefined;
  let capReached = false;

  candidateLoop: for (const [index, modelId] of candidates.entries()) {
    if (!usable.has(index)) {
      const state = cooldown.state(modelId);
      const until = state === undefined ? "" : ` until ${new Date(state.until).toISOString()}`;
      ledger.recordNotCalled(modelId, "skipped-cooldown", {
        code: "COOLING_DOWN",
        message: `skipped: cooling down${until} (${state?.reason ?? "recent failures"})`,
        retryable: false,
      });
      continue;
    }
    let model: LanguageModelV3;
    try {
      model = context.languageModel(modelId);
    } catch (thrown) {
      // A configuration problem (unknown provider, no key): nothing was sent, so it costs no attempt.
      const classified = classifyAttemptError(thrown, { now: context.clock.now() });
      ledger.recordNotCalled(modelId, "error", {
        ...classified.error,
        code: "MODEL_UNAVAILABLE",
        retryable: false,
      });
      continue;
    }
    const hasOtherCandidate = [...usable].some((other) => other > index);
    let retries = 0;
    let waitMs = 0;
    for (;;) {
      if (!ledger.canCall()) {
        capReached = true;
        break candidateLoop;
      }
      if (waitMs > 0) await context.sleep(waitMs, callerSignal);
      callerSignal?.throwIfAborted();
      const attempt = ledger.open(modelId, waitMs);
      const timer = startAttemptSignal(callerSignal, policy.attemptTimeoutMs);
      let classified: ClassifiedAttemptError;
      try {
        const result = await raceAbort(request.run({ model, attempt, signal: timer.signal }), timer.signal);
        timer.stopTimer();
        if (result.ending !== undefined) attempt.finish(result.ending);
        return { value: result.value, modelId, attempt };
      } catch (thrown) {
        timer.stopTimer();
        classified = classifyAttemptError(thrown, {
          callerSignal,
          attemptTimedOut: timer.timedOut(),
          now: context.clock.now(),
        });
        attempt.finish({
          outcome: classified.verdict === "abort" ? "aborted" : "error",
          error: classified.error,
          cooldown: classified.cooldown,
        });
        if (classified.verdict === "abort") throw callerSignal?.reason ?? thrown;
      }
      if (classified.verdict === "stop") throw modelRequestRejectedError(ledger.attempts);
      if (classified.verdict === "failover") continue candidateLoop;
      const retryAfterMs = classified.error.retryAfterMs;
      if (retries >= policy.retriesPerCandidate) {
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterWaitMs) {
          coolForRetryAfter(context, modelId, retryAfterMs);
          if (!hasOtherCandidate) retryAt = context.clock.now() + retryAfterMs;
        }
        continue candidateLoop;
      }
      const plan = planRetry({
        retryIndex: retries,
        retryAfterMs,
        hasOtherCandidate,
        policy,
        jitter: context.jitter,
        random: context.random,
      });
      if (plan.kind !== "wait") {
        coolForRetryAfter(context, modelId, plan.retryAfterMs);
        if (plan.kind === "give-up") {
          retryAt = context.clock.now() + plan.retryAfterMs;
          break candidateLoop;
        }
        continue candidateLoop;
      }
      retries += 1;
      waitMs = plan.waitMs;
    }
  }
  throw modelCallFailedError(ledger.attempts, {
    capReached,
    maxAttempts: ledger.maxAttempts,
    ...(retryAt === undefined ? {} : { retryAt }),
  });
}

/**
 * The candidates a request may call: those not cooling down. When every candidate is cooling, the
 * one that cools off soonest is tried anyway: an answer that might come beats a certain failure.
 */
export function usableCandidates(candidates: string[], cooldown: CooldownTracker): Set<number> {
  const usable = new Set<number>();
  let soonest: { index: number; until: number } | undefined;
  for (const [index, modelId] of candidates.entries()) {
    const state = cooldown.state(modelId);
    if (state === undefined) usable.add(index);
    else if (soonest === undefined || state.until < soonest.until) soonest = { index, until: state.until };
  }
  if (usable.size === 0 && soonest !== undefined) usable.add(soonest.index);
  return usable;
}

// The provider told us when it will take calls again; calling sooner from another request only earns
// more 429s. Capped at the policy's duration so a wrong or huge header cannot bench a model for hours.
function coolForRetryAfter(context: FailoverContext, modelId: string, retryAfterMs: number): void {
  context.cooldown.coolDown(
    modelId,
    Math.min(retryAfterMs, context.policy.cooldown.durationMs),
    `the provider asked to retry after ${retryAfterMs} ms`,
  );
}
