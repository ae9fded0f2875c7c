import type { Workspace } from "../../core/index.js";
import { createModelAccess, type ModelAccess } from "../../models/index.js";
import {
  type AgentDefinition,
  createWorkspacePrompts,
  createWorkspaceRuntime,
  defineAgent,
  type Runtime,
  type WorkspacePrompts,
} from "../../runtime/index.js";
import { openStore, type Store } from "../../store/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import { storeUrl } from "../cli-context.js";
import { cliTelemetry } from "../cli-telemetry.js";

/** What `gantry eval` runs suites with; `close` flushes traces and closes the store. */
export interface EvalCommandContext {
  workspace: Workspace;
  store: Store;
  telemetry: Telemetry;
  modelAccess: ModelAccess;
  prompts: WorkspacePrompts;
  runtime: Runtime;
  /** The runtime with every agent on `model` (`--model`, tier benchmarks); built once per model. */
  runtimeFor(model: string): Runtime;
  close(): Promise<void>;
}

// The response cache is the eval's choice, not the workspace's: `--cache` (or the suite's `cache`)
// turns it on for this process, and without it no call of the run is answered from the cache.
function withCache(workspace: Workspace, enabled: boolean): Workspace {
  const models = workspace.config.models;
  return {
    ...workspace,
    config: { ...workspace.config, models: { ...models, cache: { ...models.cache, enabled } } },
  };
}

/**
 * Opens a loaded workspace the way `gantry run` does (store, telemetry into it, model access, prompts
 * and the runtime from createWorkspaceRuntime), plus runtimes whose agents call another model for
 * `--model` and tier benchmarks.
 */
export async function openEvalContext(
  loaded: Workspace,
  options: { cache: boolean },
): Promise<EvalCommandContext> {
  const store = await openStore({ url: storeUrl(loaded), root: loaded.root });
  const workspace = withCache(loaded, options.cache);
  const telemetry = cliTelemetry(workspace, store);
  const close = async () => {
    await telemetry.shutdown();
    await store.close();
  };
  try {
    const modelAccess = await createModelAccess({ workspace, store, env: process.env, telemetry });
    const prompts = createWorkspacePrompts({ workspace, store, modelAccess, telemetry });
    const build = (target: Workspace) =>
      createWorkspaceRuntime({
        workspace: target,
        store,
        modelAccess,
        telemetry,
        prompts,
        onWarning: (message) => console.error(`warning: ${message}`),
      });
    const runtime = build(workspace);
    const byModel = new Map<string, Runtime>();
    const runtimeFor = (model: string): Runtime => {
      let found = byModel.get(model);
      if (!found) {
        const agents = (workspace.config.agents as AgentDefinition[]).map((agent) =>
          defineAgent({ ...agent, model }),
        );
        found = build({ ...workspace, config: { ...workspace.config, agents } });
        byModel.set(model, found);
      }
      return found;
    };
    return { workspace, store, telemetry, modelAccess, prompts, runtime, runtimeFor, close };
  } catch (error) {
    await close();
    throw error;
  }
}
