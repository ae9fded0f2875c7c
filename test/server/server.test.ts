import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkspace, type Workspace } from "../../src/core/index.js";
import { mintApiKey } from "../../src/guard/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { readJson } from "../support/read-json.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

async function createKey(store: Store, scopes: string[]): Promise<string> {
  const project = await store.projects.ensureDefault();
  const minted = mintApiKey();
  await store.apiKeys.create({
    projectId: project.id,
    name: scopes.join("+"),
    prefix: minted.prefix,
    secretHash: minted.secretHash,
    scopes,
  });
  return minted.secret;
}

describe("server on loopback", () => {
  let workspace: Workspace;
  let store: Store;
  let server: RunningServer;

  beforeAll(async () => {
    const root = temporaryWorkspace(
      `export default { name: "shop", models: { tiers: { small: ["sim:fast"] } } };`,
    );
    workspace = await loadWorkspace(root);
    store = await openStore({ root });
    server = await startServer({ workspace, store, host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it("answers /healthz with 200", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ status: "ok" });
  });

  it("describes itself on /api/v1/info while no key exists", async () => {
    const response = await fetch(`${server.url}/api/v1/info`);
    expect(response.status).toBe(200);
    const info = await readJson(response);
    expect(info).toMatchObject({
      name: "gantry",
      workspace: { name: "shop", root: workspace.root },
      store: { kind: "sqlite", migrationsCurrent: true },
      tiers: { small: ["sim:fast"] },
      auth: { required: false },
    });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.models).toContainEqual({ id: "sim:fast", provider: "sim", default: false, tiers: ["small"] });
    expect(info.models).toContainEqual({ id: "sim:default", provider: "sim", default: true, tiers: [] });
  });

  it("answers unknown API routes with a JSON 404, and other paths with the dashboard", async () => {
    const missing = await fetch(`${server.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toMatchObject({ code: "ROUTE_NOT_FOUND", domain: "SERVER" });
    const page = await fetch(`${server.url}/traces/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
  });

  describe("once a key exists", () => {
    let readKey: string;
    let gatewayKey: string;

    beforeAll(async () => {
      readKey = await createKey(store, ["read"]);
      gatewayKey = await createKey(store, ["gateway"]);
      // The server re-reads "does any key exist" at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    });

    it("rejects a request without a key with 401 JSON", async () => {
      const response = await fetch(`${server.url}/api/v1/info`);
      expect(response.status).toBe(401);
      expect((await readJson(response)).error).toMatchObject({ code: "AUTH_REQUIRED", category: "USER" });
    });

    it("rejects an unknown key with 401 and accepts a valid one", async () => {
      const wrong = await fetch(`${server.url}/api/v1/info`, {
        headers: { authorization: `Bearer gsk_${"A".repeat(43)}` },
      });
      expect(wrong.status).toBe(401);
      expect((await readJson(wrong)).error.code).toBe("AUTH_INVALID_KEY");
      const right = await fetch(`${server.url}/api/v1/info`, {
        headers: { authorization: `Bearer ${readKey}` },
      });
      expect(right.status).toBe(200);
      expect((await readJson(right)).auth).toEqual({ required: true });
    });

    it("answers 403 for a key without the scope", async () => {
      const response = await fetch(`${server.url}/api/v1/info`, { headers: { "x-api-key": gatewayKey } });
      expect(response.status).toBe(403);
      expect((await readJson(response)).error).toMatchObject({
        code: "AUTH_SCOPE_MISSING",
        details: { needed: "read" },
      });
    });

    it("stops accepting a revoked key", async () => {
      const key = await createKey(store, ["read"]);
      const before = await fetch(`${server.url}/api/v1/info`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(before.status).toBe(200);
      await store.apiKeys.revoke(key.slice(0, 12), new Date().toISOString());
      const after = await fetch(`${server.url}/api/v1/info`, { headers: { authorization: `Bearer ${key}` } });
      expect(after.status).toBe(401);
    });

    it("keeps /healthz open for load balancers", async () => {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });

    it("never writes a key in clear to the database files", () => {
      const folder = join(workspace.root, ".gantry");
      const bytes = readdirSync(folder)
        .map((file) => readFileSync(join(folder, file)).toString("latin1"))
        .join("");
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes).not.toContain(readKey);
      expect(bytes).not.toContain(gatewayKey);
      expect(bytes).toContain(readKey.slice(0, 12));
    });
  });
});

describe("server beyond loopback", () => {
  it("refuses to start without any API key", async () => {
    const root = temporaryWorkspace();
    const workspace = await loadWorkspace(root);
    const store = await openStore({ root });
    try {
      await expect(startServer({ workspace, store, host: "0.0.0.0", port: 0 })).rejects.toMatchObject({
        code: "SERVER_UNSAFE_BIND",
        category: "USER",
      });
    } finally {
      await store.close();
    }
  });

  it("starts once a key exists, and requires keys even after every key is revoked", async () => {
    const root = temporaryWorkspace();
    const workspace = await loadWorkspace(root);
    const store = await openStore({ root });
    const key = await createKey(store, ["admin"]);
    const server = await startServer({ workspace, store, host: "0.0.0.0", port: 0 });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${url}/api/v1/info`)).status).toBe(401);
      expect(
        (await fetch(`${url}/api/v1/info`, { headers: { authorization: `Bearer ${key}` } })).status,
      ).toBe(200);
      await store.apiKeys.revoke(key.slice(0, 12), new Date().toISOString());
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const response = await fetch(`${url}/api/v1/info`);
      expect(response.status).toBe(401);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it("reports a port in use clearly", async () => {
    const root = temporaryWorkspace();
    const workspace = await loadWorkspace(root);
    const store = await openStore({ root });
    const first = await startServer({ workspace, store, host: "127.0.0.1", port: 0 });
    try {
      await expect(
        startServer({ workspace, store, host: "127.0.0.1", port: first.port }),
      ).rejects.toMatchObject({
        code: "SERVER_PORT_IN_USE",
      });
    } finally {
      await first.close();
      await store.close();
    }
  });
});
