import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type GantryConfigInput, ManualClock, parseConfig, type Workspace } from "../../src/core/index.js";
import { createModelAccess, type ModelAccess } from "../../src/models/index.js";
import {
  type AgentDefinition,
  type CreateRuntimeOptions,
  createRuntime,
  type RunEvent,
  type Runtime,
} from "../../src/runtime/index.js";
import { openStore, type Store } from "../../src/store/index.js";

// A runtime over the real sim model and a real SQLite store in a temporary workspace, torn down after
// each test. Scenarios are written as files, as a user would.

export interface RuntimeHarness {
  workspace: Workspace;
  store: Store;
  modelAccess: ModelAccess;
  runtime: Runtime;
  clock: ManualClock;
}

export interface HarnessOptions {
  agents: AgentDefinition[];
  /** Scenario YAML text; written to scenarios/test.sim.yaml. */
  scenario?: string;
  config?: Omit<GantryConfigInput, "agents">;
  deps?: Partial<CreateRuntimeOptions>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Builds a runtime harness; everything is closed and removed after the test. */
export async function runtimeHarness(options: HarnessOptions): Promise<RuntimeHarness> {
  const root = mkdtempSync(join(tmpdir(), "gantry-runtime-"));
  const scenarios: string[] = [];
  if (options.scenario) {
    writeFileSync(join(root, "test.sim.yaml"), options.scenario);
    scenarios.push("test.sim.yaml");
  }
  const config = parseConfig({
    ...options.config,
    models: {
      default: "sim:default",
      tiers: { small: ["sim:fast"], large: ["sim:default"] },
      ...options.config?.models,
      sim: { seed: 11, scenarios, ...options.config?.models?.sim },
    },
    agents: options.agents,
  });
  const workspace: Workspace = { root, configFile: undefined, config };
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const store = await openStore({ root });
  const modelAccess = await createModelAccess({ workspace, env: {}, store });
  const runtime = createRuntime({
    agents: options.agents,
    models: modelAccess.client,
    store,
    ...options.deps,
  });
  cleanups.push(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });
  return { workspace, store, modelAccess, runtime, clock };
}

/** Every event of a run, in order. */
export async function collectEvents(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const all: RunEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
