// Runs started over HTTP outlive their request: a client that hangs up does not stop its run (it goes
// on and checkpoints), and an eval run started with POST /api/v1/evals/runs answers 202 at once and
// runs in the background. The server keeps them here so closing it waits for them before the store closes.

/** Something started here that outlives its request: an agent run's handle, or an eval run. */
export interface TrackedRun {
  runId: string;
  result: Promise<unknown>;
}

/** The runs this server process has started or resumed and that have not stopped yet. */
export interface ActiveRuns {
  /** Remembers the run until its result settles (finished, paused or failed). */
  track(handle: TrackedRun): void;
  /** How many are still going. */
  readonly size: number;
  /** Resolves once every run tracked so far has stopped. */
  settled(): Promise<void>;
}

/** An empty set of active runs. */
export function createActiveRuns(): ActiveRuns {
  const running = new Map<string, Promise<unknown>>();
  return {
    track(handle) {
      // The result's failure is the request's business (or the log's); here it only means "stopped".
      const stopped = handle.result.then(
        () => undefined,
        () => undefined,
      );
      running.set(handle.runId, stopped);
      void stopped.then(() => {
        if (running.get(handle.runId) === stopped) running.delete(handle.runId);
      });
    },
    get size() {
      return running.size;
    },
    async settled() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
