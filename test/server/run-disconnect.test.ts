import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadWorkspace, systemClock } from "../../src/core/index.js";
import { createApprovals } from "../../src/guard/index.js";
import { createModelAccess } from "../../src/models/index.js";
import { createWorkspacePrompts, createWorkspaceRuntime } from "../../src/runtime/index.js";
import { type ActiveRuns, createActiveRuns, createApp } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTelemetry, type Telemetry } from "../../src/telemetry/index.js";
import { agentWorkspace } from "../support/agent-workspace.js";
import { eventually } from "../support/eventually.js";
import { readJson } from "../support/read-json.js";
import { readSse } from "./read-sse.js";

// A client that hangs up on a run's SSE stream stops only its copy of the events: the run goes on,
// checkpoints and finishes. The app is served here by hand so the test can see the server notice the
// hang-up (its connection count drops to 0) before the run is let go on.

const gate = globalThis as { gantryTestGate?: Promise<void>; gantryTestOpenGate?: () => void };

let store: Store;
let telemetry: Telemetry;
let server: ServerType;
let activeRuns: ActiveRuns;
let url: string;

function connections(): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

beforeAll(async () => {
  const root = agentWorkspace();
  const workspace = await loadWorkspace(root);
  store = await openStore({ root });
  telemetry = createTelemetry({ serviceName: "disconnect-test", store });
  const env = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "" };
  const models = await createModelAccess({ workspace, store, env, telemetry });
  activeRuns = createActiveRuns();
  const app = createApp({
    workspace,
    store,
    clock: systemClock,
    version: "test",
    startedAt: systemClock.now(),
    requireKeys: false,
    models,
    telemetry,
    runtime: createWorkspaceRuntime({ workspace, store, modelAccess: models, telemetry }),
    prompts: createWorkspacePrompts({ workspace, store, modelAccess: models, telemetry }),
    approvals: createApprovals({ store, secret: "approval secret of the disconnect test" }),
    activeRuns,
  });
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  gate.gantryTestOpenGate?.();
  await activeRuns?.settled();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await telemetry?.shutdown();
  await store?.close();
});

it("keeps a run going when its SSE client hangs up; the run finishes and checkpoints", async () => {
  gate.gantryTestGate = new Promise<void>((resolve) => {
    gate.gantryTestOpenGate = resolve;
  });
  const hangUp = new AbortController();
  const response = await fetch(`${url}/api/v1/agents/gated/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ input: "wait for it" }),
    signal: hangUp.signal,
  });
  const seen = await readSse(response, (event) => event.event === "tool-call-start");
  const runId = seen[0]!.data.runId as string;
  hangUp.abort();
  await eventually(connections, (count) => count === 0);
  expect(activeRuns.size).toBe(1);

  // The tool is still waiting: the run is `running` in the store while nobody listens.
  const during = await readJson(await fetch(`${url}/api/v1/runs/${runId}`));
  expect(during.run.status).toBe("running");
  expect(during.state.toolCalls).toEqual([
    expect.objectContaining({ toolName: "wait_for_gate", status: "started" }),
  ]);

  gate.gantryTestOpenGate!();
  await activeRuns.settled();
  const after = await readJson(await fetch(`${url}/api/v1/runs/${runId}`));
  expect(after.run).toMatchObject({ status: "completed", output: "The gate opened for T-1." });
  expect(after.state.toolCalls[0]).toMatchObject({
    status: "completed",
    output: { ticket: "T-1", opened: true },
  });
});
