// Gantry's side of the runtime bench: one agent with the shared tool, run through createRuntime in
// several configurations so the reader sees where the time goes. Everything real: a SQLite store in a
// temp folder (runs and checkpoints, spans, budget ledger), createTelemetry exporting to that store,
// the model client from createModelAccess over a workspace whose default model is the sim (latency
// none), the budget guard over the store's ledger with a project cap, and estimateCost for reservations.

import { z } from "zod";
import { budgetsSchema, parseConfig, type Workspace } from "../../src/core/index.js";
import { createBreakerRegistry, createBudgetGuard, createMemoryBudgetGuard } from "../../src/guard/index.js";
import { createModelAccess, type ModelAccess } from "../../src/models/index.js";
import { createRuntime, defineAgent, defineTool, type RuntimeDeps } from "../../src/runtime/index.js";
import type { RunsRepository, Store } from "../../src/store/index.js";
import type { Telemetry } from "../../src/telemetry/index.js";
import {
  benchScenario,
  checkAnswer,
  instructions,
  lookupOrder,
  toolDescription,
  toolName,
  userInput,
} from "./bench-task.js";

/** One configuration under test: `run` does one whole run (two steps); `flush` exports its spans. */
export interface Contestant {
  name: string;
  run: () => Promise<void>;
  flush?: () => Promise<void>;
}

const lookupOrderTool = defineTool({
  name: toolName,
  description: toolDescription,
  input: z.object({ orderId: z.string() }),
  execute: (input) => lookupOrder(input),
});

const agentConfig = { name: "order-desk", version: "1.0.0", instructions, tools: [lookupOrderTool] };
const agent = defineAgent(agentConfig);

// The breaker checks spend + the next call's worst-case estimate against 3 x p95 of the sessions it has
// learned (~$0.00003 here). With the default 4096 reserved output tokens one estimate alone (~$0.0016)
// passes that, so it would trip on every first call; this agent reserves 64 output tokens instead.
const breakerAgent = defineAgent({ ...agentConfig, limits: { maxOutputTokens: 64 } });

// A project cap that never binds: every reservation is checked and counted, none is refused.
const budgets = budgetsSchema.parse({
  limits: [{ scope: "project", window: "month", limitUsd: 1_000_000_000 }],
});

/** The model access of the bench workspace: sim:default, zero latency, the bench scenario. */
export async function benchModelAccess(root: string, telemetry?: Telemetry): Promise<ModelAccess> {
  const config = parseConfig({ models: { default: "sim:default", sim: { latency: { kind: "none" } } } });
  const workspace: Workspace = { root, configFile: undefined, config };
  return createModelAccess({
    workspace,
    env: {},
    sim: { scenarios: [benchScenario] },
    ...(telemetry ? { telemetry } : {}),
  });
}

// Checkpoints that go nowhere: only to show what the durable SQLite checkpoints cost. Not a
// configuration anyone should run (a crash loses the run).
const discardingRuns: Pick<Store, "runs"> = {
  runs: {
    create: async (input) => input as never,
    update: async () => ({}) as never,
    save: async () => {},
    get: async () => undefined,
    list: async () => ({ items: [], nextCursor: null }),
  } as RunsRepository,
};

interface GantryPieces {
  store: Store;
  telemetry: Telemetry;
  /** Model access whose client makes a `chat` span per call. */
  traced: ModelAccess;
  /** The same workspace's model access without spans. */
  plain: ModelAccess;
}

function contestant(
  name: string,
  deps: RuntimeDeps,
  flush?: () => Promise<void>,
  definition = agent,
): Contestant {
  const runtime = createRuntime({ agents: [definition], ...deps });
  return {
    name,
    run: async () => {
      const result = await runtime.run(agent.name, { input: userInput });
      if (result.steps !== 2 || result.toolCalls !== 1) throw new Error(`${name}: ${JSON.stringify(result)}`);
      checkAnswer(name, result.output);
    },
    ...(flush ? { flush } : {}),
  };
}

/** The Gantry configurations, the full one (the target) first. */
export function gantryContestants(pieces: GantryPieces): Contestant[] {
  const { store, telemetry, traced, plain } = pieces;
  const flush = () => telemetry.flush();
  const storeBudgets = () => ({
    budgets: createBudgetGuard({ store, config: budgets }),
    estimateCost: traced.estimateCost,
  });
  return [
    contestant("gantry full", { models: traced.client, store, telemetry, ...storeBudgets() }, flush),
    contestant(
      "gantry full, memory budget guard",
      {
        models: traced.client,
        store,
        telemetry,
        budgets: createMemoryBudgetGuard(budgets),
        estimateCost: traced.estimateCost,
      },
      flush,
    ),
    contestant(
      "gantry full + session breaker",
      {
        models: traced.client,
        store,
        telemetry,
        ...storeBudgets(),
        breakers: createBreakerRegistry({ store }),
      },
      flush,
      breakerAgent,
    ),
    contestant("gantry without telemetry", {
      models: plain.client,
      store,
      budgets: createBudgetGuard({ store, config: budgets }),
      estimateCost: plain.estimateCost,
    }),
    contestant("gantry without budgets", { models: traced.client, store, telemetry }, flush),
    contestant("gantry loop + SQLite checkpoints", { models: plain.client, store }),
    contestant("gantry loop, checkpoints discarded", { models: plain.client, store: discardingRuns }),
  ];
}
