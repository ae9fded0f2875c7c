import { type Clock, loadWorkspace, systemClock } from "../../src/core/index.js";
import { createApprovals, mintApiKey } from "../../src/guard/index.js";
import { createModelAccess } from "../../src/models/index.js";
import { createWorkspacePrompts } from "../../src/runtime/index.js";
import { createActiveRuns, createApp } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { readOnlyRuntime } from "../support/fake-runtime.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// The whole app (auth, error responses, every route) over a real SQLite store and the workspace's real
// prompt registry, for the prompt and alert API tests: `production` is protected and gated by
// `no-todo` (fails a candidate whose template still says TODO), `staging` is open.

export const promptWorkspaceConfig = `export default {
  models: { tiers: { small: ["sim:fast"] } },
  prompts: {
    labels: {
      production: { protected: true, gates: ["no-todo"] },
      staging: { protected: false, gates: [] },
    },
    gates: [
      {
        name: "no-todo",
        description: "The template has no TODO left",
        check: async ({ candidate }) =>
          candidate.template.includes("TODO")
            ? { passed: false, summary: "the template still says TODO" }
            : { passed: true, summary: "no TODO left" },
      },
    ],
    drift: { intervalSeconds: 0 },
  },
};
`;

/** A triage prompt file at `version` whose template ends with `wording`. */
export function triageSource(version: string, wording = "Answer with JSON only."): string {
  return `---
id: triage
version: ${version}
description: Classify a support ticket into one queue.
variables:
  shop: { type: string, description: The shop's name }
output:
  type: object
  required: [category]
  properties:
    category: { type: string, enum: [refund, shipping, other] }
---
You are the triage desk of {{shop}}. ${wording}
`;
}

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };

export interface PromptApp {
  store: Store;
  root: string;
  /** Answers like the server: `app.request` over the real app. */
  request(path: string, init?: RequestInit & { key?: string; json?: unknown }): Promise<Response>;
  fetch: (request: Request) => Response | Promise<Response>;
  /** Mints a key with these scopes; its name is the scopes joined with `+`. */
  createKey(scopes: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app over a fresh workspace and store (removed after the test file). */
export async function createPromptApp(options: { clock?: Clock; config?: string } = {}): Promise<PromptApp> {
  const root = temporaryWorkspace(options.config ?? promptWorkspaceConfig);
  const workspace = await loadWorkspace(root);
  const store = await openStore({ root });
  const clock = options.clock ?? systemClock;
  const telemetry = createTelemetry({ serviceName: "prompt-api-test", store });
  const models = await createModelAccess({ workspace, store, env: noKeys, clock, telemetry });
  const app = createApp({
    workspace,
    store,
    clock,
    version: "test",
    startedAt: clock.now(),
    requireKeys: false,
    models,
    telemetry,
    runtime: readOnlyRuntime(),
    prompts: createWorkspacePrompts({ workspace, store, modelAccess: models, telemetry, clock }),
    approvals: createApprovals({ store, secret: "approval secret of the prompt API tests" }),
    activeRuns: createActiveRuns(),
  });
  return {
    store,
    root,
    fetch: (request) => app.fetch(request),
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
      await telemetry.shutdown();
      await store.close();
    },
  };
}
