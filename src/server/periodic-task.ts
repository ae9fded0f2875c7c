// Background work of `gantry up` (drift checks, online scoring): a task on an unref'd timer that is
// never started twice (a slow run is joined, not piled up), whose failures are reported and retried
// at the next interval, and whose stop() waits for the run in progress.

export interface PeriodicTask {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** A task that does nothing: what a schedule turned off (interval 0, nothing to do) returns. */
export const idleTask: PeriodicTask = { stop: async () => {} };

/** Runs `task` every `intervalMs` until stopped; a failure goes to `onError` and never stops the timer. */
export function schedulePeriodic(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): PeriodicTask {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = task()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
