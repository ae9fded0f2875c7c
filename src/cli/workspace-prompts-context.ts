import type { Command } from "commander";
import { loadWorkspace, type Workspace } from "../core/index.js";
import { createModelAccess, type ModelAccess } from "../models/index.js";
import { createWorkspacePrompts, type WorkspacePrompts } from "../runtime/index.js";
import { workspaceEvalGates } from "../server/index.js";
import { openStore, type Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { type GlobalOptions, storeUrl, workspaceRoot } from "./cli-context.js";
import { cliTelemetry } from "./cli-telemetry.js";

/** What the prompt and manifest commands work with; `close` flushes traces and closes the store. */
export interface PromptsCommandContext {
  workspace: Workspace;
  store: Store;
  telemetry: Telemetry;
  modelAccess: ModelAccess;
  prompts: WorkspacePrompts;
  close(): Promise<void>;
}

/** Opens the workspace of the command line, its store, traced model access and its prompts. */
export async function openPromptsContext(command: Command): Promise<PromptsCommandContext> {
  return openWorkspacePrompts(await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>())));
}

/** Opens a loaded workspace's store, traced model access and prompts (`gantry eval` adds its runtime). */
export async function openWorkspacePrompts(workspace: Workspace): Promise<PromptsCommandContext> {
  const store = await openStore({ url: storeUrl(workspace), root: workspace.root });
  // Replays are model calls like any other: traced into the store, so their cost is visible.
  const telemetry = cliTelemetry(workspace, store);
  const close = async () => {
    await telemetry.shutdown();
    await store.close();
  };
  try {
    const modelAccess = await createModelAccess({ workspace, store, env: process.env, telemetry });
    // A label move from the terminal runs the `evals:<suite>` gates its rule names, on these models.
    const prompts: WorkspacePrompts = createWorkspacePrompts({
      workspace,
      store,
      modelAccess,
      telemetry,
      gates: workspaceEvalGates(workspace.config.prompts.labels, () => ({
        workspace,
        store,
        modelAccess,
        prompts,
        telemetry,
      })),
    });
    return { workspace, store, telemetry, modelAccess, prompts, close };
  } catch (error) {
    await close();
    throw error;
  }
}
