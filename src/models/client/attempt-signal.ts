/** The abort signal one attempt runs under: the caller's signal combined with our per-attempt timer. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when our timer fired, so an abort that follows is ours, not the caller's. */
  timedOut(): boolean;
  /** Stops the timer (a stream committed to its candidate is no longer under the time-to-first-content limit). */
  stopTimer(): void;
}

/**
 * Starts the timer for one attempt. The combined signal aborts when the caller aborts (with the
 * caller's reason) or when `timeoutMs` passes (with a `TimeoutError`), and the two stay distinguishable.
 */
export function startAttemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const timer = new AbortController();
  let fired = false;
  const handle = setTimeout(() => {
    fired = true;
    timer.abort(new DOMException(`the attempt timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  // A pending attempt timer must not keep a process alive on its own.
  handle.unref?.();
  const signal = callerSignal === undefined ? timer.signal : AbortSignal.any([callerSignal, timer.signal]);
  return {
    signal,
    timedOut: () => fired && callerSignal?.aborted !== true,
    stopTimer: () => clearTimeout(handle),
  };
}

/**
 * Settles with `promise`, or rejects with the signal's reason the moment it aborts, so a provider
 * that ignores its abort signal cannot hold a cancelled or timed-out request.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      // The abandoned call may still reject later; nobody will read it.
      promise.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
