import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/index.js";
import { type BudgetGuard, createBreakerRegistry, createBudgetGuard } from "../../src/guard/index.js";
import { defineAgent, defineTool, z } from "../../src/index.js";
import { createRuntime } from "../../src/runtime/index.js";
import { collectEvents, runtimeHarness } from "./runtime-harness.js";

// Budgets in a running agent: a cap that cannot cover the next call pauses the run (a returned
// state, not an exception); raising the cap and resuming finishes it. An unreachable ledger pauses
// before spending anything. Subagent spend rolls up to the parent run.

const scenario = `
rules:
  - match: { system: "count", toolResults: true }
    reply: { text: "Counted." }
  - match: { system: "count" }
    reply: { toolCalls: [{ name: tally, arguments: { n: 1 } }] }
  - match: { system: "delegate", toolResults: true }
    reply: { text: "The helper answered." }
  - match: { system: "delegate" }
    reply: { toolCalls: [{ name: counter, arguments: { input: "count please" } }] }
`;

const tally = defineTool({
  name: "tally",
  description: "Count",
  input: z.object({ n: z.number() }),
  execute: ({ n }) => ({ total: n }),
});
const counter = defineAgent({
  name: "counter",
  description: "Counts things",
  instructions: "You count.",
  tools: [tally],
  limits: { maxOutputTokens: 100 },
});
const boss = defineAgent({
  name: "boss",
  instructions: "You delegate.",
  subagents: [counter],
  limits: { maxOutputTokens: 100 },
});

function budgets(limitUsd: number) {
  return parseConfig({ budgets: { limits: [{ scope: "run", limitUsd }] } }).budgets;
}

describe("budgets in a running agent", () => {
  it("pauses when the cap cannot cover the next call, and resumes after it is raised", async () => {
    const built = await runtimeHarness({ agents: [counter], scenario });
    const deps = (limitUsd: number) => ({
      agents: [counter],
      models: built.modelAccess.client,
      store: built.store,
      budgets: createBudgetGuard({ store: built.store, config: budgets(limitUsd) }),
      estimateCost: (request: Parameters<typeof built.modelAccess.estimateCost>[0]) =>
        built.modelAccess.estimateCost(request),
    });
    // A cap of exactly the first call's reservation: room for one call, not two (the prompt only grows).
    const probe = await createRuntime(deps(1)).start("counter", { input: "count" });
    const firstReservation = (await collectEvents(probe.events)).find(
      (event) => event.type === "budget-reserved",
    );
    const tight = createRuntime(
      deps((firstReservation as { amountMicros: number }).amountMicros / 1_000_000),
    );
    const handle = await tight.start("counter", { input: "count" });
    const events = await collectEvents(handle.events);
    const paused = await handle.result;
    expect(paused).toMatchObject({
      status: "paused",
      pause: { reason: "budget", details: { scope: "run" } },
      steps: 1,
      toolCalls: 1,
    });
    expect(events.at(-2)).toMatchObject({ type: "run-pause", reason: "budget" });
    expect((await built.store.runs.get(paused.runId))?.status).toBe("paused");

    const raised = createRuntime(deps(1));
    const resumed = await (await raised.resume(paused.runId)).result;
    expect(resumed).toMatchObject({
      runId: paused.runId,
      status: "completed",
      output: "Counted.",
      steps: 2,
      toolCalls: 1,
    });
    await expect(raised.resume(paused.runId)).rejects.toMatchObject({ code: "RUN_NOT_RESUMABLE" });
  });

  it("fails closed: an unreachable ledger pauses the run before any model call", async () => {
    const built = await runtimeHarness({ agents: [counter], scenario });
    let calls = 0;
    const unreachable: BudgetGuard = {
      enabled: true,
      reserve: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
      settle: async () => {},
      release: async () => {},
      status: async () => [],
    };
    const models = {
      ...built.modelAccess.client,
      generate: (request: Parameters<typeof built.modelAccess.client.generate>[0]) => {
        calls++;
        return built.modelAccess.client.generate(request);
      },
    };
    const runtime = createRuntime({
      agents: [counter],
      models,
      store: built.store,
      budgets: unreachable,
      estimateCost: () => 10,
    });
    const result = await runtime.run("counter", { input: "count" });
    expect(result).toMatchObject({
      status: "paused",
      pause: { reason: "ledger-unavailable" },
      steps: 0,
      costMicros: 0,
    });
    expect(calls).toBe(0);
  });

  it("rolls a subagent's spend up to its parent run and its run budget", async () => {
    const built = await runtimeHarness({ agents: [boss], scenario });
    const guard = createBudgetGuard({ store: built.store, config: budgets(1) });
    const runtime = createRuntime({
      agents: [boss],
      models: built.modelAccess.client,
      store: built.store,
      budgets: guard,
      breakers: createBreakerRegistry({ store: built.store }),
      estimateCost: (request) => built.modelAccess.estimateCost(request),
    });
    const result = await runtime.run("boss", { input: "please delegate" });
    expect(result.status).toBe("completed");
    const children = await built.store.runs.list({ agent: "counter" });
    expect(children.items).toHaveLength(1);
    const child = children.items[0]!;
    expect(child.parentRunId).toBe(result.runId);
    expect(child.costMicros).toBeGreaterThan(0);
    const parent = await built.store.runs.get(result.runId);
    const ownCost = (parent!.state as { costMicros: number }).costMicros - child.costMicros;
    expect(ownCost).toBeGreaterThan(0);
    expect(parent!.costMicros).toBe(ownCost + child.costMicros);
    const [runCap] = await guard.status({ runId: result.runId, agent: "boss" });
    expect(runCap?.settledMicros).toBe(parent!.costMicros);
  });
});
