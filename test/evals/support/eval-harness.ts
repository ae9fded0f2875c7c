import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type GantryConfigInput, parseConfig, type Workspace } from "../../../src/core/index.js";
import type { EvalDeps } from "../../../src/evals/runner/index.js";
import { abortableSleep, createModelAccess, type ModelAccess } from "../../../src/models/index.js";
import {
  type AgentDefinition,
  createWorkspacePrompts,
  createWorkspaceRuntime,
  defineAgent,
  type WorkspacePrompts,
} from "../../../src/runtime/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { createTelemetry, type Telemetry } from "../../../src/telemetry/index.js";
import { postgresBackend } from "../../store/backends.js";

// A workspace on the real sim model, a real SQLite store and a real telemetry pipeline into it, with
// the runtime and prompts `gantry eval` builds; torn down after each test. The sim's sleep is wrapped
// so a test can see how many model calls are in flight at once.

export interface EvalHarness {
  root: string;
  workspace: Workspace;
  store: Store;
  telemetry: Telemetry;
  modelAccess: ModelAccess;
  prompts: WorkspacePrompts;
  deps: EvalDeps;
  /** The most sim calls that were sleeping (answering) at the same time. */
  peakInFlight(): number;
  /** Sim calls made. */
  calls(): number;
}

export interface EvalHarnessOptions {
  scenario: string;
  agents?: AgentDefinition[];
  /** Files to write, relative to the root (prompts, policies…). */
  files?: Record<string, string>;
  models?: NonNullable<GantryConfigInput["models"]>;
  /** Store on the test Postgres (a fresh schema) instead of SQLite. */
  postgres?: boolean;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

export const permitEverything = "permit (principal, action, resource);\n";

export async function evalHarness(options: EvalHarnessOptions): Promise<EvalHarness> {
  const root = mkdtempSync(join(tmpdir(), "gantry-evals-"));
  writeFileSync(join(root, "test.sim.yaml"), options.scenario);
  for (const [file, text] of Object.entries(options.files ?? {})) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const config = parseConfig({
    models: {
      default: "sim:default",
      tiers: { small: ["sim:fast"], large: ["sim:default"] },
      retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 },
      ...options.models,
      sim: {
        seed: 5,
        scenarios: ["test.sim.yaml"],
        latency: { kind: "fixed", ms: 15 },
        ...options.models?.sim,
      },
    },
    agents: options.agents ?? [],
  });
  const workspace: Workspace = { root, configFile: undefined, config };
  const backend = options.postgres ? postgresBackend() : undefined;
  const store = backend ? await backend.createTarget().open() : await openStore({ root });
  const telemetry = createTelemetry({ serviceName: "gantry-eval-test", store });
  let inFlight = 0;
  let peak = 0;
  let calls = 0;
  const modelAccess = await createModelAccess({
    workspace,
    env: {},
    store,
    telemetry,
    sim: {
      sleep: async (ms, signal) => {
        calls += 1;
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          await abortableSleep(ms, signal);
        } finally {
          inFlight -= 1;
        }
      },
    },
  });
  const prompts = createWorkspacePrompts({ workspace, store, modelAccess, telemetry });
  const runtime = createWorkspaceRuntime({ workspace, store, modelAccess, telemetry, prompts, env: {} });
  const runtimeFor = (model: string) =>
    createWorkspaceRuntime({
      workspace: {
        ...workspace,
        config: {
          ...config,
          agents: (config.agents as AgentDefinition[]).map((agent) => defineAgent({ ...agent, model })),
        },
      },
      store,
      modelAccess,
      telemetry,
      prompts,
      env: {},
    });
  cleanups.push(async () => {
    await telemetry.shutdown();
    await store.close();
    await backend?.cleanup();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root,
    workspace,
    store,
    telemetry,
    modelAccess,
    prompts,
    deps: { store, runtime, runtimeFor, prompts, modelAccess, telemetry },
    peakInFlight: () => peak,
    calls: () => calls,
  };
}
