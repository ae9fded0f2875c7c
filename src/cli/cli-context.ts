import { resolve } from "node:path";
import { loadWorkspace, type Workspace } from "../core/index.js";
import { openStore, type Store } from "../store/index.js";

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  workspace?: string;
  debug?: boolean;
}

/** The workspace folder: --workspace, else GANTRY_WORKSPACE, else the current folder. */
export function workspaceRoot(options: GlobalOptions): string {
  return resolve(options.workspace ?? process.env.GANTRY_WORKSPACE ?? process.cwd());
}

/** The store url: GANTRY_DATABASE_URL wins over the config's `store.url`; undefined means the SQLite default. */
export function storeUrl(workspace: Workspace): string | undefined {
  return process.env.GANTRY_DATABASE_URL || workspace.config.store.url;
}

/** Loads the workspace and opens its store (migrating unless told not to). */
export async function openWorkspaceStore(
  options: GlobalOptions,
  storeOptions: { migrate?: boolean } = {},
): Promise<{ workspace: Workspace; store: Store }> {
  const workspace = await loadWorkspace(workspaceRoot(options));
  const store = await openStore({
    url: storeUrl(workspace),
    root: workspace.root,
    migrate: storeOptions.migrate,
  });
  return { workspace, store };
}
