import { packageVersion, resolveEnvironment, type Workspace } from "../core/index.js";
import type { Store } from "../store/index.js";
import { createTelemetry, type Telemetry } from "../telemetry/index.js";

/**
 * The telemetry of a CLI command: spans go to the workspace's store like the server's, so what a
 * command did (runs, calls, replays, evals) shows in `gantry traces` and the dashboard.
 */
export function cliTelemetry(workspace: Workspace, store: Store): Telemetry {
  return createTelemetry({
    serviceName: "gantry-cli",
    serviceVersion: packageVersion(),
    environment: resolveEnvironment(workspace.config),
    store,
  });
}
