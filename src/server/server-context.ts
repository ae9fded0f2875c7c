import type { Clock, Workspace } from "../core/index.js";
import type { Approvals } from "../guard/index.js";
import type { ModelAccess } from "../models/index.js";
import type { Runtime, WorkspacePrompts } from "../runtime/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { ActiveRuns } from "./active-runs.js";

/** Everything a request handler may use; built once by `startServer`. */
export interface ServerContext {
  workspace: Workspace;
  store: Store;
  clock: Clock;
  version: string;
  /** Epoch ms when the server started, for uptime. */
  startedAt: number;
  /** When true every /api and /v1 request needs a valid key, even with none in the store (fail closed). */
  requireKeys: boolean;
  /** The workspace's models: the client every gateway call goes through, and the model list. */
  models: ModelAccess;
  /** Traces of this process's own work (model calls now), exported to the store. */
  telemetry: Telemetry;
  /** The workspace's agents, built once per process: runs started and resumed over HTTP. */
  runtime: Runtime;
  /** The workspace's prompt registry and client, shared with the runtime (one cache per process). */
  prompts: WorkspacePrompts;
  /** Tool calls held for a person's decision, signed with the workspace's approval key. */
  approvals: Approvals;
  /** Runs started here that have not stopped; closing the server waits for them. */
  activeRuns: ActiveRuns;
}
