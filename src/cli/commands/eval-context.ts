import type { Workspace } from "../../core/index.js";
import type { ModelAccess } from "../../models/index.js";
import {
  type AgentDefinition,
  createWorkspaceRuntime,
  defineAgent,
  type Runtime,
  type WorkspacePrompts,
} from "../../runtime/index.js";
import type { Store } from "../../store/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import { openWorkspacePrompts } from "../workspace-prompts-context.js";

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
  const workspace = withCache(loaded, options.cache);
  const { store, telemetry, modelAccess, prompts, close } = await openWorkspacePrompts(workspace);
  try {
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
