import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import { createPromptClient, httpPromptFetcher, isPromptNotFound } from "../../src/prompts/index.js";
import { readJson } from "../support/read-json.js";
import { createPromptApp, type PromptApp, triageSource } from "./prompt-registry-app.js";

// httpPromptFetcher (what an agent in another process uses) against the real app on loopback: the
// resolve route must answer exactly the PromptVersionInfo the fetcher checks (id, hash of the source),
// and the registry's "not found" codes must survive the trip so a client falls back only for them.

let api: PromptApp;
let server: ServerType;
let baseUrl: string;

async function rejection(promise: Promise<unknown>): Promise<GantryError> {
  try {
    await promise;
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  api = await createPromptApp();
  server = serve({ fetch: api.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [version, wording] of [
    ["1.0.0", "Answer with JSON only."],
    ["1.0.1", "Answer with JSON only, no prose."],
  ]) {
    await api.request("/api/v1/prompts", {
      method: "POST",
      json: { source: triageSource(version!, wording) },
    });
  }
  await api.request("/api/v1/prompts/triage/labels/production", {
    method: "PUT",
    json: { version: "1.0.0" },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await api?.close();
});

describe("httpPromptFetcher against the server's resolve route", () => {
  it("fetches by label and by version exactly what the registry holds", async () => {
    const fetcher = httpPromptFetcher({ baseUrl });
    const production = await fetcher.fetch("triage", { label: "production" });
    const stored = await readJson(await api.request("/api/v1/prompts/triage/versions/1.0.0"));
    expect(production).toEqual(stored);
    expect(production.frontMatter.output).toMatchObject({ required: ["category"] });
    expect((await fetcher.fetch("triage", {})).version).toBe("1.0.1");
    expect((await fetcher.fetch("triage", { version: "1.0.1" })).template).toContain("no prose");
  });

  it("keeps the registry's not-found codes, so a client falls back to its bundled copy only for them", async () => {
    const fetcher = httpPromptFetcher({ baseUrl });
    const noPrompt = await rejection(fetcher.fetch("answer", { label: "production" }));
    expect(noPrompt.code).toBe("PROMPT_NOT_FOUND");
    expect(isPromptNotFound(noPrompt)).toBe(true);
    const noLabel = await rejection(fetcher.fetch("triage", { label: "canary" }));
    expect(noLabel.code).toBe("PROMPT_LABEL_NOT_FOUND");
    expect(noLabel.details).toMatchObject({ status: 404 });
  });

  it("serves a client's prompts from the registry over HTTP, following label moves", async () => {
    const client = createPromptClient({
      fetcher: httpPromptFetcher({ baseUrl }),
      label: "production",
      ttlMs: 1,
    });
    const first = await client.getPrompt("triage");
    expect(first).toMatchObject({ version: "1.0.0", servedFrom: "registry" });
    await api.request("/api/v1/prompts/triage/labels/production", {
      method: "PUT",
      json: { version: "1.0.1" },
    });
    client.invalidate("triage");
    expect((await client.getPrompt("triage")).version).toBe("1.0.1");
    expect(client.stats().fetchErrors).toBe(0);
  });

  it("sends its key: with keys in force, a read key is let in and none is refused", async () => {
    const key = await api.createKey(["read"]);
    const withKey = httpPromptFetcher({ baseUrl, apiKey: key });
    expect((await withKey.fetch("triage", { label: "production" })).id).toBe("triage");
    // The server rereads the key count at most once a second: wait until it sees the new key.
    const deadline = Date.now() + 5000;
    let refused: GantryError | undefined;
    while (refused === undefined && Date.now() < deadline) {
      refused = await httpPromptFetcher({ baseUrl })
        .fetch("triage", { label: "production" })
        .then(
          () => undefined,
          (error: GantryError) => error,
        );
      if (refused === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused?.code).toBe("AUTH_REQUIRED");
    expect(isPromptNotFound(refused)).toBe(false);
  });
});
