import { afterEach, describe, expect, it } from "vitest";
import { type Clock, loadWorkspace } from "../../src/core/index.js";
import type { OnlineScorer, OnlineTickReport } from "../../src/evals/index.js";
import { type RunningServer, scheduleOnlineScoring, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { productionRun } from "../evals/online/production-runs.js";
import { eventually } from "../support/eventually.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry up` scores production runs on its own: the workspace's online rules run on a timer off the
// request path, their scores are stored and written into the traces; a failing tick or rule is
// reported and retried; nothing runs with the interval at 0 or without rules; stop() ends the timer.

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };

let store: Store | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
});

function emptyReport(errors: OnlineTickReport["errors"] = []): OnlineTickReport {
  return { startedAt: "", finishedAt: "", rules: [], alerts: [], errors };
}

const rule = { name: "refunds", sampleRate: 1, scorers: [{ type: "contains", value: "refund" }] };

describe("online scoring in gantry up", () => {
  it("scores a finished production run with the workspace's rule and writes the result into its trace", async () => {
    const root = temporaryWorkspace(
      `export default {
        models: { tiers: { small: ["sim:fast"] } },
        prompts: { drift: { intervalSeconds: 0 } },
        evals: { onlineIntervalSeconds: 0.05, online: [${JSON.stringify(rule)}] },
      };`,
    );
    store = await openStore({ root });
    const run = await productionRun(store);
    // A run saved moments ago may still be exporting spans; the scorer's clock sees it a minute later.
    const later: Clock = { now: () => Date.now() + 60_000 };
    server = await startServer({
      workspace: await loadWorkspace(root),
      store,
      host: "127.0.0.1",
      port: 0,
      env: noKeys,
      clock: later,
    });
    const scores = await eventually(
      () => store!.evals.listOnlineScores({ rule: "refunds" }),
      (list) => list.length > 0,
    );
    expect(scores).toEqual([
      expect.objectContaining({ traceId: run.traceId, scorer: "contains", value: 1, passed: true }),
    ]);
    const spans = await eventually(
      () => store!.spans.getTrace(run.traceId!),
      (list) => list.some((span) => span.name === "evaluate refunds"),
    );
    const evaluation = spans.find((span) => span.name === "evaluate refunds")!;
    expect(evaluation.events).toEqual([
      expect.objectContaining({
        name: "gen_ai.evaluation.result",
        attributes: expect.objectContaining({ "gen_ai.evaluation.name": "contains" }),
      }),
    ]);
  });
});

describe("scheduleOnlineScoring", () => {
  it("reports a rule that failed and a tick that threw, keeps ticking, and stops", async () => {
    const messages: string[] = [];
    let ticks = 0;
    const scorer: OnlineScorer = {
      async tick() {
        ticks += 1;
        if (ticks % 2 === 0) throw new Error("the store is down");
        return emptyReport([
          { rule: "refunds", stage: "score", code: "EVAL_SCORER_INVALID", message: "bad spec" },
        ]);
      },
    };
    const schedule = scheduleOnlineScoring({
      settings: { online: [{ ...rule, filter: {}, judgeBudgetUsd: 1 }], onlineIntervalSeconds: 0.02 },
      createScorer: () => scorer,
      onError: (message, error) => messages.push(`${message}${error ? ` ${String(error)}` : ""}`),
    });
    await eventually(
      async () => ticks,
      (count) => count >= 3,
    );
    await schedule.stop();
    expect(messages).toContain("online scoring rule refunds failed (score): EVAL_SCORER_INVALID: bad spec");
    expect(messages).toContain("online scoring tick failed: Error: the store is down");
    const stoppedAt = ticks;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ticks).toBe(stoppedAt);
  });

  it("builds no scorer and never ticks with the interval at 0 or without rules", async () => {
    let built = 0;
    const createScorer = () => {
      built += 1;
      return { tick: async () => emptyReport() };
    };
    const schedules = [
      scheduleOnlineScoring({
        settings: { online: [{ ...rule, filter: {}, judgeBudgetUsd: 1 }], onlineIntervalSeconds: 0 },
        createScorer,
      }),
      scheduleOnlineScoring({ settings: { online: [], onlineIntervalSeconds: 0.01 }, createScorer }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (const schedule of schedules) await schedule.stop();
    expect(built).toBe(0);
  });
});
