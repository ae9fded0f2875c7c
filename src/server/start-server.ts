import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type Clock,
  GantryError,
  isoNow,
  packageVersion,
  resolveEnvironment,
  systemClock,
  type Workspace,
} from "../core/index.js";
import { type Approvals, createApprovals, resolveApprovalSecret } from "../guard/index.js";
import { createModelAccess, type ModelAccess } from "../models/index.js";
import {
  createWorkspacePrompts,
  createWorkspaceRuntime,
  type Runtime,
  type WorkspacePrompts,
} from "../runtime/index.js";
import type { Store } from "../store/index.js";
import { createTelemetry, otlpSettingsFromEnv, type Telemetry } from "../telemetry/index.js";
import { createActiveRuns } from "./active-runs.js";
import { createApp } from "./create-app.js";
import { createWorkspaceOnlineScorer, scheduleOnlineScoring } from "./online-scoring-schedule.js";
import { schedulePromptDriftChecks } from "./prompt-drift-schedule.js";
import type { ServerContext } from "./server-context.js";
import { workspaceEvalGates } from "./workspace-eval-gates.js";

export interface StartServerOptions {
  workspace: Workspace;
  store: Store;
  host?: string;
  port?: number;
  clock?: Clock;
  dashboardFolder?: string;
  /** Environment for provider keys and base URLs; `process.env` when omitted. */
  env?: Record<string, string | undefined>;
  /** Model access built elsewhere (tests, a host process); built from the workspace when omitted. */
  models?: ModelAccess;
  /** Tracing for this server's model calls; one exporting to the store when omitted. */
  telemetry?: Telemetry;
  /** The agents' runtime (tests); built once from the workspace's agents when omitted. */
  runtime?: Runtime;
  /** Approvals (tests); over the store with `resolveApprovalSecret` when omitted. */
  approvals?: Approvals;
  /** The prompt registry and client (tests); built from the workspace when omitted, shared with the runtime. */
  prompts?: WorkspacePrompts;
}

/** A running server: its URL and a graceful close that waits for in-flight requests. */
export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Starts the control plane. Refuses a non-loopback bind while no API key exists: an open server on
 * a network would hand anyone the models, the traces and the budgets.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? options.workspace.config.server.host;
  const port = options.port ?? options.workspace.config.server.port;
  const exposed = !isLoopbackHost(host);
  if (exposed && (await options.store.apiKeys.countActive(isoNow(clock))) === 0) {
    throw new GantryError({
      code: "SERVER_UNSAFE_BIND",
      message: `Refusing to listen on ${host}: no API key exists, so anyone who can reach this address could use it`,
      domain: "SERVER",
      category: "USER",
      details: { host },
      hint: "Create a key first (`gantry keys create --name admin --scopes admin`), or bind to 127.0.0.1.",
    });
  }
  const telemetry =
    options.telemetry ??
    createTelemetry({
      serviceName: "gantry",
      serviceVersion: packageVersion(),
      environment: resolveEnvironment(options.workspace.config, options.env ?? process.env),
      store: options.store,
      // Also to the team's collector when the standard OTEL_EXPORTER_OTLP_* variables name one.
      ...withOtlp(otlpSettingsFromEnv(options.env ?? process.env)),
    });
  // Built before listening, so a misconfigured provider or agent stops start-up with the cause named.
  let models: ModelAccess;
  let runtime: Runtime;
  let approvals: Approvals;
  let prompts: WorkspacePrompts;
  try {
    approvals =
      options.approvals ??
      createApprovals({
        store: options.store,
        secret: resolveApprovalSecret({ env: options.env ?? process.env, root: options.workspace.root }),
      });
    models =
      options.models ??
      (await createModelAccess({
        workspace: options.workspace,
        store: options.store,
        env: options.env ?? process.env,
        clock,
        telemetry,
      }));
    // One registry and prompt cache per process: the API's label moves and the agents' prompts agree.
    prompts =
      options.prompts ??
      createWorkspacePrompts({
        workspace: options.workspace,
        store: options.store,
        modelAccess: models,
        telemetry,
        clock,
        // `evals:<suite>` gates of the label rules run on this process's models, prompts and runtime.
        gates: workspaceEvalGates(options.workspace.config.prompts.labels, () => ({
          workspace: options.workspace,
          store: options.store,
          modelAccess: models,
          prompts,
          runtime,
          telemetry,
          clock,
        })),
      });
    // One runtime per process: budgets, breakers and their learned envelopes are shared by every request.
    runtime =
      options.runtime ??
      (await createWorkspaceRuntime({
        workspace: options.workspace,
        store: options.store,
        modelAccess: models,
        telemetry,
        clock,
        prompts,
        onWarning: (message) => console.warn(`[gantry] ${message}`),
      }));
  } catch (error) {
    if (!options.telemetry) await telemetry.shutdown();
    throw error;
  }
  const context: ServerContext = {
    workspace: options.workspace,
    store: options.store,
    clock,
    version: packageVersion(),
    startedAt: clock.now(),
    requireKeys: exposed,
    models,
    telemetry,
    runtime,
    prompts,
    approvals,
    activeRuns: createActiveRuns(),
  };
  const app = createApp(context, { dashboardFolder: options.dashboardFolder });
  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(app.fetch, host, port);
  } catch (error) {
    if (!options.telemetry) await telemetry.shutdown();
    throw error;
  }
  const { server, address } = listening;
  const driftChecks = schedulePromptDriftChecks({
    store: options.store,
    settings: options.workspace.config.prompts,
    clock,
  });
  const onlineScoring = scheduleOnlineScoring({
    settings: options.workspace.config.evals,
    createScorer: () =>
      createWorkspaceOnlineScorer({
        workspace: options.workspace,
        store: options.store,
        models,
        telemetry,
        clock,
      }),
  });
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    // Runs whose clients hung up, and spans of the last requests, finish before the caller closes the store.
    close: async () => {
      await closeGracefully(server);
      await driftChecks.stop();
      await onlineScoring.stop();
      await context.activeRuns.settled();
      if (!options.telemetry) await telemetry.shutdown();
    },
  };
}

type NodeServer = ReturnType<typeof serve>;

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<{ server: NodeServer; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (address) => resolve({ server, address }));
    server.once("error", (error: NodeJS.ErrnoException) => {
      const inUse = error.code === "EADDRINUSE";
      reject(
        new GantryError({
          code: inUse ? "SERVER_PORT_IN_USE" : "SERVER_LISTEN_FAILED",
          message: inUse
            ? `Port ${port} on ${host} is already in use`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
          domain: "SERVER",
          category: "USER",
          details: { host, port },
          hint: inUse ? "Stop the other process or pass --port <n>." : "Check the --host value.",
          cause: error,
        }),
      );
    });
  });
}

// Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets; force after 10 s.
function closeGracefully(server: NodeServer): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      if ("closeAllConnections" in server) server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}

function withOtlp<T>(otlp: T | undefined): { otlp?: T } {
  return otlp === undefined ? {} : { otlp };
}
