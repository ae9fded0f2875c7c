import type { RetryPolicy } from "../../core/index.js";

/**
 * `full`: a delay anywhere in [0, backoff) (AWS's "full jitter", least total work under contention);
 * `equal`: in [backoff/2, backoff), so a retry never comes back sooner than half the backoff.
 */
export type JitterMode = "full" | "equal";

/** A source of uniform numbers in [0, 1); injected so tests get fixed delays. */
export type RandomSource = () => number;

type BackoffPolicy = Pick<RetryPolicy, "initialBackoffMs" | "maxBackoffMs">;

/** Exponential backoff for the `retryIndex`-th retry (0 = first), capped by `maxBackoffMs`, with jitter. */
export function backoffDelayMs(
  retryIndex: number,
  policy: BackoffPolicy,
  jitter: JitterMode,
  random: RandomSource,
): number {
  const exponent = Math.min(retryIndex, 30); // 2^30 already passes any sane cap; avoids Infinity
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  const delay = jitter === "full" ? ceiling * draw : ceiling / 2 + (ceiling / 2) * draw;
  return Math.round(delay);
}

/** What to do before retrying the same candidate. */
export type RetryPlan =
  /** Wait `waitMs` (backoff, raised to the Retry-After floor), then retry. */
  | { kind: "wait"; waitMs: number }
  /** The provider asked for a longer pause than we hold a request for: try the next candidate now. */
  | { kind: "failover"; retryAfterMs: number }
  /** Same, but no candidate is left: give up, telling the caller when the provider will take calls again. */
  | { kind: "give-up"; retryAfterMs: number };

/**
 * Plans a retry of the same candidate. Retry-After is a floor: the wait is never shorter than the
 * provider asked, even above `maxBackoffMs`. A Retry-After longer than `maxRetryAfterWaitMs` is never
 * waited out: with another candidate left we fail over at once; without one we give up at once with
 * the time to retry, rather than hold the caller's request (and a connection) for that long.
 */
export function planRetry(options: {
  retryIndex: number;
  retryAfterMs: number | undefined;
  hasOtherCandidate: boolean;
  policy: BackoffPolicy & Pick<RetryPolicy, "maxRetryAfterWaitMs">;
  jitter: JitterMode;
  random: RandomSource;
}): RetryPlan {
  const { retryAfterMs, policy } = options;
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterWaitMs) {
    return options.hasOtherCandidate ? { kind: "failover", retryAfterMs } : { kind: "give-up", retryAfterMs };
  }
  const backoff = backoffDelayMs(options.retryIndex, policy, options.jitter, options.random);
  return { kind: "wait", waitMs: Math.max(backoff, retryAfterMs ?? 0) };
}
