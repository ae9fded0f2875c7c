import OpenAI from "openai";
import { loadWorkspace } from "../../src/core/index.js";
import { mintApiKey } from "../../src/guard/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

/** A gateway on loopback over a fresh workspace, and an official OpenAI client pointed at it. */
export interface TestGateway {
  server: RunningServer;
  store: Store;
  root: string;
  /** An `openai` client with `baseURL` at `<server>/v1`; the key defaults to a placeholder. */
  client(apiKey?: string): OpenAI;
  /** Creates an API key with these scopes; returns the secret. */
  createKey(name: string, scopes: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Starts `gantry up`'s server in-process for `config` (a gantry.config.ts body) and `env`. */
export async function startTestGateway(
  config: string,
  env: Record<string, string | undefined> = {},
): Promise<TestGateway> {
  const root = temporaryWorkspace(config);
  const workspace = await loadWorkspace(root);
  const store = await openStore({ root });
  const server = await startServer({ workspace, store, host: "127.0.0.1", port: 0, env });
  return {
    server,
    store,
    root,
    // No retries in the client: a test must see the gateway's answer, not the SDK's second try.
    client: (apiKey = "sk-placeholder") => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 }),
    async createKey(name, scopes) {
      const project = await store.projects.ensureDefault();
      const minted = mintApiKey();
      await store.apiKeys.create({
        projectId: project.id,
        name,
        prefix: minted.prefix,
        secretHash: minted.secretHash,
        scopes,
      });
      return minted.secret;
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}
