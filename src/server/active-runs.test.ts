import { describe, expect, it } from "vitest";
import type { RunHandle, RunResult } from "../runtime/index.js";
import { createActiveRuns } from "./active-runs.js";

function pendingHandle(runId: string) {
  let settle!: (outcome: { result?: RunResult; error?: Error }) => void;
  const result = new Promise<RunResult>((resolve, reject) => {
    settle = ({ result, error }) => (error ? reject(error) : resolve(result!));
  });
  const handle: RunHandle = { runId, events: (async function* () {})(), result };
  return { handle, settle };
}

describe("createActiveRuns", () => {
  it("counts runs until their result settles, failed ones too, and settled() waits for all", async () => {
    const runs = createActiveRuns();
    const first = pendingHandle("run_1");
    const second = pendingHandle("run_2");
    runs.track(first.handle);
    runs.track(second.handle);
    expect(runs.size).toBe(2);

    let allStopped = false;
    const waiting = runs.settled().then(() => {
      allStopped = true;
    });
    first.settle({ error: new Error("the model failed") });
    await first.handle.result.catch(() => undefined);
    await Promise.resolve();
    expect(allStopped).toBe(false);
    second.settle({
      result: {
        runId: "run_2",
        agent: "a",
        status: "paused",
        output: null,
        costMicros: 0,
        steps: 0,
        toolCalls: 0,
        trips: [],
      },
    });
    await waiting;
    expect(allStopped).toBe(true);
    expect(runs.size).toBe(0);
  });

  it("settles at once with nothing tracked", async () => {
    await expect(createActiveRuns().settled()).resolves.toBeUndefined();
  });
});
