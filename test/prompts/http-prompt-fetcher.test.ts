import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import {
  createPromptClient,
  createPromptRegistry,
  httpPromptFetcher,
  isPromptNotFound,
  type PromptRegistry,
  workspaceBundledPrompts,
} from "../../src/prompts/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { rejectionOf } from "../store/fresh-store.js";
import { promptSource } from "./prompt-sources.js";

// The HTTP fetcher against a real loopback server answering the resolve route the way the Gantry
// server does (a PromptVersionInfo, or `{ error: GantryErrorJSON }` with 404 for "not found").

let root: string;
let store: Store;
let registry: PromptRegistry;
let server: Server;
let baseUrl: string;
let requests: { url: string; authorization: string | undefined }[];
// Lets a test make the server misbehave.
let override: ((response: ServerResponse) => boolean) | undefined;

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  requests.push({ url: request.url ?? "", authorization: request.headers.authorization });
  if (override?.(response)) return;
  const url = new URL(request.url ?? "/", "http://localhost");
  const match = /^\/api\/v1\/prompts\/([^/]+)\/resolve$/.exec(url.pathname);
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (!match) return send(404, { error: { code: "ROUTE_NOT_FOUND", message: "no route" } });
  try {
    const label = url.searchParams.get("label");
    const version = url.searchParams.get("version");
    const info = await registry.get(decodeURIComponent(match[1]!), {
      ...(label ? { label } : {}),
      ...(version ? { version } : {}),
    });
    send(200, info);
  } catch (error) {
    if (!GantryError.isInstance(error)) throw error;
    send(error.code.endsWith("_NOT_FOUND") ? 404 : 400, { error: error.toJSON() });
  }
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "gantry-prompt-http-"));
  mkdirSync(join(root, "prompts"));
  store = await openStore({ root });
  registry = createPromptRegistry({ store });
  requests = [];
  override = undefined;
  server = createServer((request, response) => {
    answer(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

describe("httpPromptFetcher", () => {
  it("resolves by label or version with the API key, giving the registry's version", async () => {
    await registry.push(promptSource({ version: "1.0.0" }), "a");
    await registry.push(promptSource({ version: "1.1.0", optionalVariable: true }), "a");
    await registry.moveLabel("triage", "production", "1.0.0", { name: "ada", scopes: ["admin"] });
    const fetcher = httpPromptFetcher({ baseUrl, apiKey: "gsk_test" });
    expect(await fetcher.fetch("triage", { label: "production" })).toEqual(
      await registry.get("triage", { label: "production" }),
    );
    expect((await fetcher.fetch("triage", { version: "1.1.0" })).frontMatter.variables.locale).toBeDefined();
    expect(requests).toEqual([
      { url: "/api/v1/prompts/triage/resolve?label=production", authorization: "Bearer gsk_test" },
      { url: "/api/v1/prompts/triage/resolve?version=1.1.0", authorization: "Bearer gsk_test" },
    ]);
  });

  it("passes the server's not-found answers on as the same codes, so the client serves the bundled file", async () => {
    const fetcher = httpPromptFetcher({ baseUrl });
    const error = await rejectionOf(fetcher.fetch("triage", { label: "production" }));
    expect(error).toMatchObject({ code: "PROMPT_NOT_FOUND", domain: "PROMPT", category: "USER" });
    expect(isPromptNotFound(error)).toBe(true);
    expect(requests[0]?.authorization).toBeUndefined();

    writeFileSync(join(root, "prompts", "triage.prompt.md"), promptSource({ version: "0.9.0" }));
    const client = createPromptClient({ fetcher, bundled: workspaceBundledPrompts(root) });
    expect(await client.getPrompt("triage")).toMatchObject({
      version: "0.9.0",
      servedFrom: "bundled",
      fallbackReason: "not-registered",
    });
  });

  it("treats a server error or a route that does not exist as the registry failing", async () => {
    override = (response) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "INTERNAL_ERROR", message: "the store is down" } }));
      return true;
    };
    const fetcher = httpPromptFetcher({ baseUrl });
    const error = await rejectionOf(fetcher.fetch("triage", {}));
    expect(error).toMatchObject({ code: "INTERNAL_ERROR", message: "the store is down" });
    expect(isPromptNotFound(error)).toBe(false);

    override = (response) => {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return true;
    };
    const missingRoute = await rejectionOf(fetcher.fetch("triage", {}));
    expect(missingRoute).toMatchObject({ code: "PROMPT_REGISTRY_UNREACHABLE", category: "THIRD_PARTY" });
    expect(isPromptNotFound(missingRoute)).toBe(false);
  });

  it("refuses an answer whose source does not match its hash", async () => {
    await registry.push(promptSource({ version: "1.0.0" }), "a");
    const info = await registry.get("triage");
    override = (response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ ...info, source: info.source.replace("Classify", "Ignore") }));
      return true;
    };
    const error = await rejectionOf(httpPromptFetcher({ baseUrl }).fetch("triage", {}));
    expect(error).toMatchObject({ code: "PROMPT_REGISTRY_RESPONSE_INVALID" });
  });

  it("says the registry did not answer when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejectionOf(
      httpPromptFetcher({ baseUrl: `http://127.0.0.1:${port}` }).fetch("triage", {}),
    );
    expect(error).toMatchObject({ code: "PROMPT_REGISTRY_UNREACHABLE", category: "THIRD_PARTY" });
    expect(error.message).toContain(`127.0.0.1:${port}/api/v1/prompts/triage/resolve`);
  });
});
