import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Clock, loadWorkspace, systemClock } from "../../src/core/index.js";
import { createApprovals, mintApiKey } from "../../src/guard/index.js";
import { createModelAccess } from "../../src/models/index.js";
import { createWorkspacePrompts, createWorkspaceRuntime } from "../../src/runtime/index.js";
import { type ActiveRuns, createActiveRuns, createApp } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// The whole app (auth, errors, every route) over a real SQLite store, the real runtime on the sim
// model and a workspace with eval suites, for the evals API tests and the dashboard's contract test:
//   orders  (evals/orders.yaml, inline cases) the `helper` agent looks order A-7 up and answers
//           "Order A-7 is shipped."; one case expects that, one expects "lost" (it fails)
//   echo    (evals/echo.yaml, datasets/echo.jsonl) the sim model echoes the question back

const scenario = `name: eval-api-tests
includeDefaultRules: false
rules:
  - name: look-up
    match: { toolsOffered: [lookup_order], toolResults: false }
    reply:
      toolCalls:
        - name: lookup_order
          arguments: { orderId: "A-7" }
  - name: answer
    match: { toolResults: [lookup_order] }
    reply: { text: "Order {{toolResult.lookup_order.orderId}} is {{toolResult.lookup_order.status}}." }
  - name: echo
    reply: { text: "echo: {{lastUserText}}" }
`;

const config = `import { defineAgent, defineConfig, defineTool, z } from "gantry";

const lookupOrder = defineTool({
  name: "lookup_order",
  description: "Look up an order by id.",
  input: z.object({ orderId: z.string() }),
  output: z.object({ orderId: z.string(), status: z.string() }),
  annotations: { readOnly: true, idempotent: true },
  execute: ({ orderId }) => ({ orderId, status: "shipped" }),
});

export default defineConfig({
  name: "eval-api-tests",
  agents: [defineAgent({ name: "helper", tools: [lookupOrder], instructions: "You help with orders." })],
  models: {
    default: "sim:default",
    tiers: { small: ["sim:fast"] },
    sim: { scenarios: ["scenarios/eval-api-tests.sim.yaml"], latency: { kind: "fixed", ms: 5 } },
  },
  prompts: { drift: { intervalSeconds: 0 } },
  evals: { onlineIntervalSeconds: 0 },
});
`;

export const ordersSuite = `# Orders: the helper agent answers where an order is.
suite: orders
description: The helper looks an order up before answering.
target: { agent: helper }
cases:
  - id: order-status
    input: "Where is order A-7?"
    expected: "Order A-7 is shipped."
    tags: [orders]
  - id: order-lost
    input: "Is order A-7 lost?"
    expected: "Order A-7 is lost."
    failureClass: wrong-status
scorers:
  - name: exact
    type: equals
  - name: looked-up
    type: tool-called
    tool: lookup_order
thresholds:
  passRate: 0.5
`;

export const echoSuite = `suite: echo
target: { model: "sim:default" }
dataset: datasets/echo.jsonl
scorers:
  - { name: echoed, type: contains, value: "echo:" }
`;

export const echoCases = [
  { id: "hello", input: "hello", expected: "echo: hello" },
  { id: "bye", input: "bye", expected: "echo: bye" },
];

/** A workspace with the suites above (and a broken suite file when `broken`), removed after the file. */
export function evalWorkspace(options: { broken?: boolean } = {}): string {
  const root = temporaryWorkspace(config);
  for (const folder of ["scenarios", "policies", "evals", "datasets"]) mkdirSync(join(root, folder));
  writeFileSync(join(root, "scenarios", "eval-api-tests.sim.yaml"), scenario);
  writeFileSync(
    join(root, "policies", "tests.cedar"),
    'permit (principal, action in Action::"tools", resource);\n',
  );
  writeFileSync(join(root, "evals", "orders.yaml"), ordersSuite);
  writeFileSync(join(root, "evals", "echo.yaml"), echoSuite);
  writeFileSync(
    join(root, "datasets", "echo.jsonl"),
    echoCases.map((testCase) => `${JSON.stringify(testCase)}\n`).join(""),
  );
  if (options.broken)
    writeFileSync(join(root, "evals", "broken.yaml"), "suite: broken\ntarget: { agent: helper }\n");
  return root;
}

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };

export interface EvalApp {
  store: Store;
  root: string;
  activeRuns: ActiveRuns;
  /** Answers like the server: `app.request` over the real app. */
  request(path: string, init?: RequestInit & { key?: string; json?: unknown }): Promise<Response>;
  fetch: (request: Request) => Response | Promise<Response>;
  /** Spans still batched in the exporter reach the store. */
  flushSpans(): Promise<void>;
  /** Mints a key with these scopes. */
  createKey(scopes: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app over a fresh eval workspace (`evalWorkspace`) and store. */
export async function createEvalApp(options: { clock?: Clock; broken?: boolean } = {}): Promise<EvalApp> {
  const root = evalWorkspace(options);
  const workspace = await loadWorkspace(root);
  const store = await openStore({ root });
  const clock = options.clock ?? systemClock;
  const telemetry = createTelemetry({ serviceName: "eval-api-test", store });
  const models = await createModelAccess({ workspace, store, env: noKeys, clock, telemetry });
  const prompts = createWorkspacePrompts({ workspace, store, modelAccess: models, telemetry, clock });
  const runtime = createWorkspaceRuntime({
    workspace,
    store,
    modelAccess: models,
    telemetry,
    clock,
    prompts,
    env: noKeys,
  });
  const activeRuns = createActiveRuns();
  const app = createApp({
    workspace,
    store,
    clock,
    version: "test",
    startedAt: clock.now(),
    requireKeys: false,
    models,
    telemetry,
    runtime,
    prompts,
    approvals: createApprovals({ store, secret: "approval secret of the eval API tests" }),
    activeRuns,
  });
  return {
    store,
    root,
    activeRuns,
    fetch: (request) => app.fetch(request),
    flushSpans: () => telemetry.flush(),
    async request(path, init = {}) {
      const { key, json, ...rest } = init;
      const headers: Record<string, string> = {};
      if (key !== undefined) headers.authorization = `Bearer ${key}`;
      if (json !== undefined) headers["content-type"] = "application/json";
      return app.request(path, {
        ...rest,
        headers,
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    },
    async createKey(scopes) {
      const minted = mintApiKey();
      await store.apiKeys.create({
        projectId: "default",
        name: scopes.join("+"),
        prefix: minted.prefix,
        secretHash: minted.secretHash,
        scopes,
      });
      return minted.secret;
    },
    async close() {
      await activeRuns.settled();
      await telemetry.shutdown();
      await store.close();
    },
  };
}
